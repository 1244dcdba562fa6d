package web

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
)

// failingStore refuses every save, as a full disk does.
type failingStore struct{ *interview.MemoryStore }

func (failingStore) Save(*interview.Session) error { return errors.New("no space left on device") }

// On a kiosk each finished self-check is saved into the laptop's store, and the person is
// told to let the specialist know; a failed save says so instead.
func TestKioskSavesEachFinishedCheck(t *testing.T) {
	g := openGuideline(t, guidelines.DefaultID)
	store := interview.NewMemoryStore()
	keys := testKeys(t)
	b := newBrowser(t, newServer(t, Config{Guideline: g, Keys: keys, Kiosk: store}))
	completeScenario(t, b, g, scenario(t, "mixed-flows-md-teen-lover-boy"), "ru")
	st, err := keys.open(b.cookie(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	saved, err := store.Load(st.Session.Code)
	if err != nil {
		t.Fatalf("the finished check is not in the kiosk's store: %v", err)
	}
	if saved.Mode != interview.ModeSelf || saved.Status != interview.StatusFinished || !reflect.DeepEqual(saved.Answers.Values, st.Session.Answers.Values) {
		t.Errorf("the kiosk saved something else than the finished self-check")
	}
	if !strings.Contains(b.page, "Ваши ответы сохранены. Пожалуйста, сообщите специалисту") || containsForm(b.page, "/contact") {
		t.Errorf("the kiosk's end page:\n%s", b.page)
	}

	b = newBrowser(t, newServer(t, Config{Guideline: g, Kiosk: failingStore{interview.NewMemoryStore()}}))
	completeScenario(t, b, g, scenario(t, "mixed-flows-md-teen-lover-boy"), "en")
	if !strings.Contains(b.page, "could not be saved on this computer") || strings.Contains(b.page, "Your answers are saved") {
		t.Errorf("a failed kiosk save is not said:\n%s", b.page)
	}
}
