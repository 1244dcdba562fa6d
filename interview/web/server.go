// Package web is the self-check a person opens on their own phone (earlyid serve): a third
// thin front end over interview.Engine in self mode, beside the TUI and the plain mode.
// Pages are rendered on the server with html/template and need no JavaScript; every form
// posts, and every post answers with a redirect (POST-redirect-GET), so the browser's
// history and its back button hold no answers.
//
// The server keeps nothing: the session travels, sealed (token.go), in the one cookie the
// check sets, and a new token replaces it on every step. Nothing is written to disk until
// the person asks to be contacted; then the session is encrypted to the organisation's age
// recipients, which the server cannot decrypt, and written to the spool folder, where
// earlyid sessions import picks it up.
package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"filippo.io/age"
	"golang.org/x/text/language"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/bilingual"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
)

// cookieName is neutral on purpose: a browser's cookie list must not say what the site is.
const cookieName = "s"

// maxBody bounds a form: the longest is a text answer of interview.MaxText characters.
const maxBody = 64 << 10

// maxHistory bounds the Back stack a token carries, so a long check still fits a cookie.
const maxHistory = 80

// Timeouts of the HTTP server: a slow or stalled client holds a connection only this long.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = 15 * time.Second
	IdleTimeout       = 60 * time.Second
)

// NewHTTPServer returns the http.Server for h, with the timeouts above and small headers,
// so that slow or stalled clients are cut off; errLog (nil: the standard logger) receives
// net/http's own messages, without the clients' addresses they hold.
func NewHTTPServer(h http.Handler, errLog *log.Logger) *http.Server {
	if errLog == nil {
		errLog = log.Default()
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(withoutAddresses{errLog.Writer()}, errLog.Prefix(), errLog.Flags()),
	}
}

// Config is what a Server is made of.
type Config struct {
	Guideline *guidelines.Guideline
	Keys      *Keys
	// Spool and Recipients enable "ask to be contacted": the session is encrypted to
	// Recipients and written to Spool. Without them the end page offers only the contacts.
	Spool      string
	Recipients []age.Recipient
	// Kiosk, when set, is the store of a specialist's laptop (earlyid serve --kiosk): each
	// finished self-check is saved into it, and the end page tells the person so. It
	// excludes Spool.
	Kiosk interview.Store
	// LeaveURL is where "Leave quickly" goes; "" is a neutral page of this server.
	LeaveURL string
	// Secure marks the cookie Secure (the server is reached over HTTPS, directly or
	// through a proxy).
	Secure bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For or Forwarded names the
	// client that the rate limit counts (clientip.go); from any other peer both headers are
	// ignored.
	TrustedProxies []netip.Prefix
	// Log receives server events: never an answer, a token or a case code with its answers.
	Log *log.Logger
	// Now is the clock (tests set it); nil is time.Now.
	Now func() time.Time
	// RatePerMinute is how many requests one client address may make a minute, with as
	// many at once; 0 is DefaultRatePerMinute. There is no "unlimited": the limit is also
	// what keeps one address from filling the spool with checks it runs by the thousand.
	RatePerMinute int
}

// DefaultRatePerMinute is the requests a minute one client address may make when Config
// says nothing (serve --rate-limit): a person answers a page every few seconds at most,
// so it lets a dozen or more people who share one address answer at once.
const DefaultRatePerMinute = 120

// contactsPerHour is how many times an hour one client address may ask to be contacted
// when it may make rate requests a minute: one for each person the rate is sized for (ten
// requests a minute each). A raised --rate-limit lets a crowd behind one address answer;
// without this bound it would also let one address run checks by the dozen a minute and
// fill the spool's disk with them. A person refused here is told to try again in a moment,
// and the allowance comes back one by one within the hour.
func contactsPerHour(rate int) int { return max(1, rate/10) }

// retryAfter is the Retry-After of a refused request, in seconds, and what its page tells
// the person: a minute, not the fraction of a second until one request is allowed again,
// since behind a shared address the others keep asking meanwhile.
const retryAfter = "60"

// Server serves the self-check. It is safe for concurrent use.
type Server struct {
	cfg     Config
	g       *guidelines.Guideline
	keys    *Keys
	spool   *vault.Store
	now     func() time.Time
	matcher language.Matcher
	tags    []string
	limiter *limiter
	// contacts bounds the contact requests (spool files) of one client address an hour.
	contacts *limiter
	mux      *http.ServeMux

	// kioskMu serialises the kiosk store's saves: the encrypted store keeps one buffer.
	kioskMu sync.Mutex
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Guideline == nil || cfg.Keys == nil {
		return nil, errors.New("the self-check server needs a guideline and token keys") // i18n:ignore: the serve command reports it in a localized sentence
	}
	s := &Server{cfg: cfg, g: cfg.Guideline, keys: cfg.Keys, now: cfg.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if cfg.Spool != "" && cfg.Kiosk != nil {
		return nil, errors.New("a kiosk keeps the self-checks in its own store, not in a spool folder") // i18n:ignore: the serve command refuses the flags first
	}
	if cfg.Spool != "" {
		if len(cfg.Recipients) == 0 {
			return nil, errors.New("a spool folder needs at least one recipient to encrypt the sessions to") // i18n:ignore: the serve command reports it in a localized sentence
		}
		st, err := vault.Open(cfg.Spool, cfg.Recipients)
		if err != nil {
			return nil, fmt.Errorf("the spool folder %s could not be opened: %w", cfg.Spool, err) // i18n:ignore: the serve command reports it in a localized sentence
		}
		s.spool = st
	}
	// The guideline's first language is the default for a browser that asks for none of
	// ours; the UI languages it lacks come after.
	var tags []language.Tag
	for _, l := range append(append([]string{}, s.g.Languages...), locales.Languages...) {
		if locales.Supported(l) && !slices.Contains(s.tags, l) {
			s.tags = append(s.tags, l)
			tags = append(tags, language.Make(l))
		}
	}
	s.matcher = language.NewMatcher(tags)
	rate := cfg.RatePerMinute
	if rate <= 0 {
		rate = DefaultRatePerMinute
	}
	s.limiter = newLimiter(rate, time.Minute, s.now)
	s.contacts = newLimiter(contactsPerHour(rate), time.Hour, s.now)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.start)
	mux.HandleFunc("POST /start", s.begin)
	mux.HandleFunc("GET /q", s.show)
	mux.HandleFunc("POST /answer", s.act(s.answer))
	mux.HandleFunc("POST /back", s.act(s.back))
	mux.HandleFunc("POST /goto", s.act(s.gotoQuestion))
	mux.HandleFunc("POST /finish", s.act(s.finish))
	mux.HandleFunc("POST /lang", s.act(s.language))
	mux.HandleFunc("POST /contact", s.act(s.contact))
	mux.HandleFunc("GET /leave", s.leave)
	mux.HandleFunc("GET /bye", s.neutral)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/", s.notFound)
	s.mux = mux
	return s, nil
}

// ServeHTTP serves one request: the safety headers on every answer, a panic turned into a
// neutral 500 page, the rate limit and the body limit, then the page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", cspHeader)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if r.TLS != nil || s.cfg.Secure {
		// Only a browser that reached the check over HTTPS, here or at the proxy
		// (--base-url https://…), is told to keep to it; a kiosk on a laptop's Wi-Fi is
		// plain HTTP, where the header means nothing.
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			// The panic's value may hold an answer: only where it happened is logged.
			s.logf("a request to %s %s failed with a panic (%T); it was answered with 500", r.Method, r.URL.Path, v)
			s.message(w, r, http.StatusInternalServerError, "web.error.internal.title", "web.error.internal", false)
		}
	}()
	// The health check is outside the limit: a load balancer behind which everyone shares
	// one address (a proxy not named by --trusted-proxy) would otherwise be told 429 when the
	// people used the allowance up, and take a busy server out of service. It costs nothing
	// and tells nothing.
	if !(r.Method == http.MethodGet && r.URL.Path == "/healthz") && !s.limiter.allow(s.clientAddr(r)) {
		s.tooMany(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	s.mux.ServeHTTP(w, r)
}

// tooMany answers a request past the client's allowance: a calm page that asks the person
// to wait a minute and go on, in the language of their check when they have one (a person
// whose phone speaks English may be answering in Ukrainian), else in their browser's.
// Nothing is changed: the check stands where it was before the refused request. Opening
// the cookie costs no more than the page asked for would have, and a flood without a
// cookie has none to open.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", retryAfter)
	var lang string
	if st, err := s.load(r); err == nil && slices.Contains(s.tags, st.Session.Lang) {
		lang = st.Session.Lang
	} else {
		lang = s.requestLang(r)
	}
	p := s.newPage(lang, "message")
	p.Title, p.Message, p.GoOn = p.T("web.rate_limited.title"), p.T("web.rate_limited"), true
	s.render(w, http.StatusTooManyRequests, p)
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Log != nil {
		s.cfg.Log.Printf(format, args...)
	}
}

// requestLang is the language a page without a check speaks: ?lang= when it is one of
// ours, else the browser's Accept-Language matched to ours.
func (s *Server) requestLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(s.tags, l) {
		return l
	}
	prefs, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, _ := s.matcher.Match(prefs...)
	return s.tags[i]
}

// langOptions lists the languages, each in its own name, cur marked.
func (s *Server) langOptions(cur string) []langOption {
	out := make([]langOption, 0, len(s.tags))
	for _, t := range s.tags {
		out = append(out, langOption{Code: t, Name: locales.Autonym(t), Current: t == cur})
	}
	return out
}

func (s *Server) newPage(lang, kind string) *page {
	l := locales.New(lang)
	return &page{Lang: l.Lang(), loc: l, Kind: kind, Title: l.T("web.title", nil)}
}

// message renders a page that only says something: an error, or the neutral page.
func (s *Server) message(w http.ResponseWriter, r *http.Request, status int, title, body string, restart bool) {
	s.messageIn(w, s.requestLang(r), status, title, body, restart)
}

// messageIn is message in lang: the language of the check the page is about.
func (s *Server) messageIn(w http.ResponseWriter, lang string, status int, title, body string, restart bool) {
	p := s.newPage(lang, "message")
	p.Title, p.Message, p.Restart = p.T(title), p.T(body), restart
	s.render(w, status, p)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.message(w, r, http.StatusNotFound, "web.error.not_found.title", "web.error.not_found", true)
}

// start is the first page: what the check is, and the language, chosen from the browser's.
// A check already under way goes on where it stands.
func (s *Server) start(w http.ResponseWriter, r *http.Request) {
	if _, err := s.load(r); err == nil && r.URL.Query().Get("lang") == "" {
		http.Redirect(w, r, "/q", http.StatusSeeOther)
		return
	}
	lang := s.requestLang(r)
	p := s.newPage(lang, "start")
	p.Langs = s.langOptions(lang)
	s.render(w, http.StatusOK, p)
}

// begin starts a check in the chosen language.
func (s *Server) begin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return
	}
	lang := r.PostForm.Get("lang")
	if !slices.Contains(s.tags, lang) {
		lang = s.requestLang(r)
	}
	sess, err := interview.NewSession(s.g, "", interview.ModeSelf, lang, lang, s.now())
	if err != nil {
		s.failed(w, r, err)
		return
	}
	e, err := s.engine(sess)
	if err == nil {
		err = e.Start()
	}
	if err != nil {
		s.failed(w, r, err)
		return
	}
	st := &state{SID: rand.Text(), Session: sess}
	s.store(w, r, st)
}

// failed answers a failure of the server itself, logged without the session.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, err error) {
	s.logf("a request to %s %s failed: %s", r.Method, r.URL.Path, reason(err))
	s.message(w, r, http.StatusInternalServerError, "web.error.internal.title", "web.error.internal", true)
}

func (s *Server) badRequest(w http.ResponseWriter, r *http.Request) {
	s.message(w, r, http.StatusBadRequest, "web.error.bad_request.title", "web.error.bad_request", true)
}

// engine runs sess: a new engine for each request, over a store that keeps nothing.
func (s *Server) engine(sess *interview.Session) (*interview.Engine, error) {
	return interview.New(s.g, sess, nowhere{}, interview.WithClock(s.now))
}

// load opens the check's cookie.
func (s *Server) load(r *http.Request) (*state, error) {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil, err
	}
	return s.keys.open(c.Value, s.now())
}

// errTooLarge is a state that would not fit the cookie: a browser would drop it silently,
// and the person would lose the check.
var errTooLarge = errors.New("the self-check state is too large for its cookie") // i18n:ignore: never shown, act says web.too_long

// sealNext seals st as the next step: a new step number, a new expiry, and no more
// history than a cookie can carry.
func (s *Server) sealNext(st *state) (string, error) {
	st.Step++
	st.Expires = s.now().Add(TokenLifetime)
	// Timings are for pilot evaluations of interviews on a laptop; here each request would
	// count a visit, and they would double the token.
	st.Session.Timings = nil
	if h := st.Session.History; len(h) > maxHistory {
		st.Session.History = append([]interview.Position(nil), h[len(h)-maxHistory:]...)
	}
	tok, err := s.keys.seal(st)
	if err == nil && len(tok) > maxToken {
		return "", errTooLarge
	}
	return tok, err
}

// store seals st as the next step into the cookie and redirects to the page that shows it.
func (s *Server) store(w http.ResponseWriter, r *http.Request, st *state) {
	tok, err := s.sealNext(st)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	s.setToken(w, r, tok)
}

func (s *Server) setToken(w http.ResponseWriter, r *http.Request, tok string) {
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: tok, Path: "/", HttpOnly: true, Secure: s.cfg.Secure,
		SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, "/q", http.StatusSeeOther)
}

// open opens the check of the request and an engine over its session. Without a check it
// sends the browser to the first page; a token that does not open gets its page. ok is
// false when the request has been answered.
func (s *Server) open(w http.ResponseWriter, r *http.Request) (st *state, e *interview.Engine, ok bool) {
	st, err := s.load(r)
	if errors.Is(err, http.ErrNoCookie) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil, nil, false
	}
	if err == nil {
		e, err = s.engine(st.Session)
		if err != nil {
			err = ErrTokenInvalid // sealed by this server, yet not a session of its guideline
		}
	}
	if err != nil {
		s.tokenProblem(w, r, err)
		return nil, nil, false
	}
	return st, e, true
}

// tokenProblem answers a cookie that does not open: a clear page, never a failure.
func (s *Server) tokenProblem(w http.ResponseWriter, r *http.Request, err error) {
	clearCookie(w)
	if errors.Is(err, ErrTokenExpired) {
		s.message(w, r, http.StatusBadRequest, "web.error.expired.title", "web.error.expired", true)
		return
	}
	s.message(w, r, http.StatusBadRequest, "web.error.invalid.title", "web.error.invalid", true)
}

func clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// act wraps a form's action: it opens the check, refuses a form of another check or an
// older step, runs fn on the engine, and stores the next step.
func (s *Server) act(fn func(e *interview.Engine, st *state, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			s.badRequest(w, r)
			return
		}
		st, e, ok := s.open(w, r)
		if !ok {
			return
		}
		if r.PostForm.Get("sid") != st.SID {
			s.messageIn(w, st.Session.Lang, http.StatusBadRequest, "web.error.invalid.title", "web.error.other_check", false)
			return
		}
		if r.PostForm.Get("step") != strconv.Itoa(st.Step) {
			// A page the browser kept (its back button, a second tab): not acted on; the
			// person sees where the check stands now.
			s.say(st, "web.stale")
			s.store(w, r, st)
			return
		}
		st.Flash = nil
		if err := fn(e, st, r); err != nil {
			s.failed(w, r, err)
			return
		}
		tok, err := s.sealNext(st)
		if errors.Is(err, errTooLarge) {
			// The change is dropped: the check goes on from the state before it, which fit.
			before, lerr := s.load(r)
			if lerr != nil {
				s.tokenProblem(w, r, lerr)
				return
			}
			s.say(before, "web.too_long")
			s.store(w, r, before)
			return
		}
		if err != nil {
			s.failed(w, r, err)
			return
		}
		s.setToken(w, r, tok)
	}
}

// say puts message id on the next page, in the person's language.
func (s *Server) say(st *state, id string) { st.Flash = s.flash(st, id, nil) }

// flash renders message id for the next page now: its data (a choice's text in every
// language) need not survive the token.
func (s *Server) flash(st *state, id string, data map[string]any) *flash {
	return &flash{Text: locales.New(st.Session.Lang).T(id, data)}
}

// answer answers the current question from the form.
func (s *Server) answer(e *interview.Engine, st *state, r *http.Request) error {
	cur := e.Current()
	if cur.Question == nil || r.PostForm.Get("q") != cur.Question.ID {
		s.say(st, "web.stale")
		return nil
	}
	v, err := formValue(cur.Question, r.PostForm)
	if err == nil {
		err = e.Answer(v)
	}
	var ae *interview.AnswerError
	if errors.As(err, &ae) {
		st.Flash = s.flash(st, "interview.error."+ae.Kind, ae.Data())
		return nil
	}
	return err
}

func (s *Server) back(e *interview.Engine, st *state, r *http.Request) error {
	if err := e.Back(); errors.Is(err, interview.ErrNoBack) {
		s.say(st, "web.first_question")
	}
	return nil
}

func (s *Server) gotoQuestion(e *interview.Engine, st *state, r *http.Request) error {
	if err := e.Goto(r.PostForm.Get("q")); err != nil {
		s.say(st, "web.stale")
	}
	return nil
}

// finish ends the questions: the engine scores and closes the session (nothing of the
// result is shown), and the end page follows.
func (s *Server) finish(e *interview.Engine, st *state, r *http.Request) error {
	if e.Current().Stage != interview.StageReview {
		s.say(st, "web.stale")
		return nil
	}
	if _, err := e.Finish(); err != nil {
		return err
	}
	e.Close()
	if s.cfg.Kiosk != nil {
		s.kioskMu.Lock()
		err := s.cfg.Kiosk.Save(e.Session())
		s.kioskMu.Unlock()
		if err != nil {
			s.logf("a self-check could not be saved on this computer: %s", reason(err))
			s.say(st, "web.kiosk.failed")
			return nil
		}
		st.Spooled = true
	}
	return nil
}

// reason is what the log may say about err: the system's reason for a file that could not
// be written, or only the kind of error, since an error's text may quote what it was about.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return fmt.Sprintf("%T", err)
}

func (s *Server) language(e *interview.Engine, st *state, r *http.Request) error {
	if l := r.PostForm.Get("lang"); slices.Contains(s.tags, l) {
		e.SetLanguages(l, l)
	}
	return nil
}

// contact writes the finished session, encrypted to the recipients, to the spool: the
// person asked to be contacted.
func (s *Server) contact(e *interview.Engine, st *state, r *http.Request) error {
	if s.spool == nil || st.Spooled || e.Session().Status != interview.StatusFinished || r.PostForm.Get("agree") != "yes" {
		s.say(st, "web.stale")
		return nil
	}
	if !s.contacts.allow(s.clientAddr(r)) {
		s.logf("a request to be contacted was refused: its address asked too often this hour")
		s.say(st, "web.contact.failed")
		return nil
	}
	if err := s.spool.Save(e.Session()); err != nil {
		// The reason names the code and the cause, never an answer.
		s.logf("a self-check could not be written to the spool: %s", reason(err))
		s.say(st, "web.contact.failed")
		return nil
	}
	st.Spooled = true
	return nil
}

// leave is "Leave quickly": the check is forgotten by the browser and a neutral page
// replaces it.
func (s *Server) leave(w http.ResponseWriter, r *http.Request) {
	clearCookie(w)
	to := s.cfg.LeaveURL
	if to == "" {
		to = "/bye"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// neutral is the page "Leave quickly" lands on by default: nothing on it says what the
// site is, and its language is the browser's, not the check's.
func (s *Server) neutral(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(s.requestLang(r), "message")
	p.Title, p.Message, p.Neutral = p.T("web.neutral.title"), p.T("web.neutral.body"), true
	s.render(w, http.StatusOK, p)
}

// show renders where the check stands.
func (s *Server) show(w http.ResponseWriter, r *http.Request) {
	st, e, ok := s.open(w, r)
	if !ok {
		return
	}
	sess := e.Session()
	langs := bilingual.New(s.g, sess.Lang, sess.Lang, true)
	p := s.newPage(sess.Lang, "")
	p.SID, p.Step, p.Langs = st.SID, st.Step, s.langOptions(p.Lang)
	if langs.Person != p.Lang {
		p.ContentLang = langs.Person
	}
	if st.Flash != nil {
		p.Flash = st.Flash.Text
	}
	cur := e.Current()
	switch {
	case cur.Question != nil:
		p.Kind = "question"
		s.questionPage(p, e, cur, langs)
	case cur.Stage == interview.StageReview:
		p.Kind = "review"
		s.reviewPage(p, e, langs)
	default:
		p.Kind = "end"
		for _, ref := range e.Contacts() {
			c := strings.TrimSpace(ref.Contact)
			p.Contacts = append(p.Contacts, contactView{Name: langs.ForPerson(ref.Name), Contact: c, Tel: telURL(c),
				About: langs.ForPerson(ref.RoleSelf)})
		}
		p.CanContact = s.spool != nil && sess.Status == interview.StatusFinished
		p.Spooled, p.Code, p.Kiosk = st.Spooled, sess.Code, s.cfg.Kiosk != nil
	}
	s.render(w, http.StatusOK, p)
}

func (s *Server) questionPage(p *page, e *interview.Engine, cur interview.Step, langs bilingual.Languages) {
	q := cur.Question
	p.Section = langs.ForPerson(cur.Section.Title)
	if cur.FirstInSection {
		p.SectionIntro = langs.ForPerson(cur.Section.IntroFor(true))
	}
	p.Percent = e.Headway().Percent
	qv := questionView{ID: q.ID, Text: langs.ForPerson(q.Text), Type: string(q.Type), Multi: q.Type == guidelines.TypeMulti}
	v := cur.Value
	if !cur.Answered && !cur.Prefilled {
		v = guidelines.Value{}
	}
	switch q.Type {
	case guidelines.TypeYesNo:
		qv.Options = []optionView{
			{Value: "yes", Text: p.T("interview.answer.yes"), Checked: v.Str == "yes"},
			{Value: "no", Text: p.T("interview.answer.no"), Checked: v.Str == "no"},
		}
	case guidelines.TypeChoice, guidelines.TypeMulti:
		for _, c := range q.Choices {
			qv.Options = append(qv.Options, optionView{Value: c.ID, Text: langs.ForPerson(c.Text),
				Checked: v.Str == c.ID || slices.Contains(v.List, c.ID)})
		}
	case guidelines.TypeNumber:
		if cur.Answered && !v.IsSpecial() {
			qv.Input = strconv.FormatFloat(v.Num, 'f', -1, 64)
		}
	default:
		if !v.IsSpecial() {
			qv.Input = v.Str
		}
	}
	p.Question = qv
}

func (s *Server) reviewPage(p *page, e *interview.Engine, langs bilingual.Languages) {
	for _, rs := range e.Review() {
		sec := reviewSection{Title: langs.ForPerson(rs.Section.Title)}
		for _, it := range rs.Items {
			ans := p.T("common.not_answered")
			if it.Answered {
				ans = it.Question.ValueText(it.Value, langs.Person, p.T("interview.answer.yes"), p.T("interview.answer.no"),
					p.T("interview.answer.unknown"), p.T("interview.answer.declined"))
			}
			if !it.Applies {
				ans += " (" + p.T("interview.no_longer_applies") + ")"
			}
			sec.Items = append(sec.Items, reviewItem{ID: it.Question.ID, Question: langs.ForPerson(it.Question.Text), Answer: ans, Applies: it.Applies})
		}
		p.Review = append(p.Review, sec)
	}
}

// formValue reads the answer a question's form gives: a special answer's button, the
// options ticked, or the text typed, as the engine's own input grammar reads them.
func formValue(q *guidelines.Question, form map[string][]string) (guidelines.Value, error) {
	switch first(form["special"]) {
	case guidelines.Unknown:
		return guidelines.UnknownValue, nil
	case guidelines.Declined:
		return guidelines.DeclinedValue, nil
	}
	switch q.Type {
	case guidelines.TypeYesNo, guidelines.TypeChoice:
		v := first(form["v"])
		if v == "" {
			return guidelines.Value{}, &interview.AnswerError{Question: q.ID, Kind: interview.ErrKindEmpty}
		}
		return interview.ParseInput(q, v)
	case guidelines.TypeMulti:
		if len(form["v"]) == 0 {
			return guidelines.Value{}, &interview.AnswerError{Question: q.ID, Kind: "empty_multi"}
		}
		return interview.ParseInput(q, strings.Join(form["v"], ","))
	default:
		return interview.ParseInput(q, first(form["text"]))
	}
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return strings.TrimSpace(vs[0])
}

// nowhere is the store of a check: the engine saves after every change, and the token
// carries the change instead.
type nowhere struct{}

func (nowhere) Save(*interview.Session) error           { return nil }
func (nowhere) Load(string) (*interview.Session, error) { return nil, interview.ErrNotFound }
func (nowhere) List() ([]interview.Meta, error)         { return nil, nil }
func (nowhere) Delete(string) error                     { return interview.ErrNotFound }
func (nowhere) Persistent() bool                        { return false }

// limiter is a token bucket per client address: rate requests per period, as many at once.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens a second
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(n int, per time.Duration, now func() time.Time) *limiter {
	return &limiter{rate: float64(n) / per.Seconds(), burst: float64(n), now: now, buckets: map[string]*bucket{}}
}

// maxBuckets bounds the limiter's memory: past it, the full buckets (clients idle long
// enough to have their whole allowance back) are forgotten.
const maxBuckets = 50000

func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[addr]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[addr] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *limiter) prune(now time.Time) {
	for a, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, a)
		}
	}
}
