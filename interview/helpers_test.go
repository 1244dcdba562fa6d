package interview

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/earlyid/earlyid/guidelines"
)

// testGuideline exercises every question type, both section roles, section and question
// conditions, a pause_when, and an indicator chain whose questions can stop applying.
const testGuideline = `format: earlyid/guideline/v1
id: engine-test
version: "1"
title: {en: Engine test, ro: Test motor}
languages: [en, ro]
sections:
  - id: safety
    role: safety
    title: {en: Safety, ro: Siguranță}
    questions:
      - id: private_place
        type: yesno
        ask: interviewer
        text: {en: "Is the place private?", ro: "Locul este privat?"}
        pause_when: 'private_place == "no"'
  - id: consent
    role: consent
    title: {en: Consent, ro: Consimțământ}
    intro: {en: We ask to help you., ro: Întrebăm ca să vă ajutăm.}
    questions:
      - id: consent_interview
        type: yesno
        text: {en: "May we talk?", ro: "Putem vorbi?"}
  - id: offer
    title: {en: Offer, ro: Oferta}
    when: 'consent_interview == "yes"'
    questions:
      - id: job_offer
        type: yesno
        text: {en: "Were you offered work?", ro: "Vi s-a oferit de lucru?"}
      - id: offer_via
        type: multi
        when: 'job_offer == "yes"'
        text: {en: "How was it offered?", ro: "Cum a fost oferit?"}
        choices:
          - {id: telegram, text: {en: Telegram, ro: Telegram}}
          - {id: friend, text: {en: A friend, ro: Un prieten}}
          - {id: agency, text: {en: An agency, ro: O agenție}}
      - id: job_as_promised
        type: choice
        when: 'job_offer == "yes"'
        text: {en: "Was the job as promised?", ro: "Munca a fost cea promisă?"}
        choices:
          - {id: "yes_fully", text: {en: Yes, ro: Da}}
          - {id: partly, text: {en: Partly, ro: Parțial}}
          - {id: not_at_all, text: {en: Not at all, ro: Deloc}}
  - id: about
    title: {en: About you, ro: Despre dvs.}
    questions:
      - id: age
        type: number
        min: 0
        max: 120
        text: {en: "How old are you?", ro: "Câți ani aveți?"}
      - id: arrived
        type: date
        text: {en: "When did you arrive?", ro: "Când ați sosit?"}
      - id: remarks
        type: text
        ask: interviewer
        text: {en: Observations, ro: Observații}
dimensions:
  - id: deceptive_recruitment
    stage: recruitment
    text: {en: Deceptive recruitment, ro: Recrutare înșelătoare}
indicators:
  - id: deceived_about_job
    dimension: deceptive_recruitment
    strength: strong
    text: {en: Deceived about the job, ro: Înșelat(ă) cu privire la muncă}
    when: 'job_as_promised == "not_at_all"'
  - id: online_offer
    dimension: deceptive_recruitment
    strength: weak
    text: {en: Offer online, ro: Ofertă online}
    when: '"telegram" in offer_via'
scoring:
  element_positive:
    - {strong: 1, weak: 1}
  outcomes:
    - id: high
      level: high
      text: {en: High, ro: Ridicat}
      when: deceptive_recruitment
    - id: low
      level: low
      text: {en: Low, ro: Scăzut}
      when: "true"
flags:
  - id: minor
    urgency: immediate
    text: {en: Minor, ro: Minor}
    when: '(age ?? 99) < 18'
    refer: [child_protection]
referrals:
  - id: child_protection
    name: {en: Child protection, ro: Protecția copilului}
    role: {en: Protects children, ro: Protejează copiii}
    contact: "116 111"
  - id: hotline
    name: {en: Hotline, ro: Linia fierbinte}
    role: {en: Advice, ro: Sfaturi}
    contact: "0 800 77777"
  - id: pending
    name: {en: Pending, ro: În așteptare}
    role: {en: Later, ro: Mai târziu}
    contact: "TO BE FILLED by the organisation"
`

func loadTest(t testing.TB) *guidelines.Guideline {
	t.Helper()
	g, ds := guidelines.LoadBytes("engine-test.yaml", []byte(testGuideline))
	if g == nil {
		t.Fatalf("test guideline does not load:\n%v", ds)
	}
	return g
}

// fakeClock advances one second on every reading, so time spent is predictable.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// recordingStore records every save (as the JSON it would write) and can be told to fail.
type recordingStore struct {
	*MemoryStore
	saves []*Session
	fail  bool
}

func newRecordingStore() *recordingStore { return &recordingStore{MemoryStore: NewMemoryStore()} }

var errDiskFull = errors.New("no space left on device")

func (r *recordingStore) Save(s *Session) error {
	if r.fail {
		return errDiskFull
	}
	c, err := s.clone()
	if err != nil {
		return err
	}
	r.saves = append(r.saves, c)
	return r.MemoryStore.Save(s)
}

func (r *recordingStore) last() *Session {
	if len(r.saves) == 0 {
		return nil
	}
	return r.saves[len(r.saves)-1]
}

func newEngine(t testing.TB, g *guidelines.Guideline, store Store) *Engine {
	t.Helper()
	clock := newClock()
	s, err := NewSession(g, "MD-TEST-0001", ModeTraining, "ro", "en", clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(g, s, store, WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(); err != nil {
		t.Fatal(err)
	}
	return e
}

func yes() guidelines.Value { return guidelines.Value{Str: "yes"} }
func no() guidelines.Value  { return guidelines.Value{Str: "no"} }

func mustAnswer(t testing.TB, e *Engine, want string, v guidelines.Value) {
	t.Helper()
	if got := e.Current().Question; got == nil || got.ID != want {
		t.Fatalf("current question = %v, want %s", qid(got), want)
	}
	if err := e.Answer(v); err != nil {
		t.Fatalf("answer %s = %v: %v", want, v, err)
	}
}

func qid(q *guidelines.Question) string {
	if q == nil {
		return "<none>"
	}
	return q.ID
}

func currentID(e *Engine) string {
	st := e.Current()
	if st.Question == nil {
		return string(st.Stage)
	}
	return st.Question.ID
}
