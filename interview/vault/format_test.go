package vault

import (
	"bytes"
	"io"
	"math"
	"os"
	"testing"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
)

// A session file written before saves became compact JSON holds indented JSON; it must
// open as it did, or every interview saved by an earlier version would be lost to resume.
func TestIndentedSessionFileStillReads(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	st := openStore(t, id)
	s := session200(t)
	indented, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(indented, []byte("\n  ")) {
		t.Fatal("Marshal no longer indents, so this test no longer reads an earlier version's file")
	}
	var file bytes.Buffer
	w, err := age.Encrypt(&file, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write(indented)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(st.Path(s.Code), file.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := st.Load(s.Code)
	if err != nil {
		t.Fatalf("an earlier version's session file does not open: %v", err)
	}
	if !sameSession(t, got, s) {
		t.Error("an earlier version's session file opens with other answers than it holds")
	}
}

// The store reuses one buffer for the ciphertext of every save; what Encrypt returned
// earlier (the export of an encrypted copy holds on to it) must not change with a later save.
func TestEncryptedBytesOutliveTheNextSave(t *testing.T) {
	t.Parallel()
	id := newIdentity(t)
	st := openStore(t, id)
	a := session200(t)
	data, err := st.Encrypt(a)
	if err != nil {
		t.Fatal(err)
	}
	b := session200(t)
	b.Code = "MD-BNCH-0201"
	b.Answers.Notes["q1"] = "another session, saved after the first was encrypted"
	if err := st.Save(b); err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		t.Fatalf("the bytes Encrypt returned no longer decrypt after a save: %v", err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("the bytes Encrypt returned no longer authenticate after a save: %v", err)
	}
	if !bytes.Contains(plain, []byte(`"code":"MD-BNCH-0200"`)) {
		t.Error("the bytes Encrypt returned hold another session after a save")
	}
}

// The store keeps the buffer a save encodes the session's JSON into, for the next save;
// the answers must not stay in it, in plaintext, between two saves (nor after a save that
// failed to encode).
func TestSavedPlaintextIsCleared(t *testing.T) {
	t.Parallel()
	st := openStore(t, newIdentity(t))
	s := session200(t)
	if err := st.Save(s); err != nil {
		t.Fatal(err)
	}
	if cap(st.plain) < 40<<10 {
		t.Fatalf("the store kept a buffer of %d bytes for a 50 KB session: it is not reused", cap(st.plain))
	}
	if i := bytes.IndexFunc(st.plain[:cap(st.plain)], func(r rune) bool { return r != 0 }); i >= 0 {
		t.Errorf("the session's JSON stays in the store's buffer after the save (from byte %d)", i)
	}
	s.Answers.Values["q1"] = guidelines.Value{Num: math.NaN()}
	if err := st.Save(s); err == nil {
		t.Fatal("a session with a NaN number saved")
	}
	if i := bytes.IndexFunc(st.plain[:cap(st.plain)], func(r rune) bool { return r != 0 }); i >= 0 {
		t.Errorf("the session's JSON stays in the store's buffer after a save that failed (from byte %d)", i)
	}
}
