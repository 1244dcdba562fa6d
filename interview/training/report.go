package training

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/indicators"
	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
	"github.com/earlyid/earlyid/locales"
	"github.com/earlyid/earlyid/textsafe"
)

// The --by values that are not question ids: they group sessions by the person's profile,
// by the training scenario a simulation ran (KeyNoScenario for any other interview), and
// by the language of the interview. A question of the same id cannot be grouped by.
const (
	ByProfile  = "profile"
	ByScenario = "scenario"
	ByLanguage = "language"
)

// KeyNoScenario is the --by scenario group of the interviews that ran no scenario (real
// ones). It cannot be a scenario id (those start with a letter).
const KeyNoScenario = "*none"

// byMetadata reports whether by groups sessions by something other than an answer.
func byMetadata(by string) bool { return by == ByProfile || by == ByScenario || by == ByLanguage }

// Group keys besides answer values.
const (
	KeyAll      = ""          // the group of every session
	KeyNotAsked = "not_asked" // the --by question was not asked
	// KeyOther is the group the answers given in fewer than MinGroup interviews are merged
	// into. It cannot be a choice or profile id (those start with a letter).
	KeyOther = "*other"
	// KeyUnlisted is the group of the sessions whose answer to the --by question is none of
	// the loaded guideline's choices (a choice another version has, or a file written by
	// hand). Left out of every group, such a session would be "All" minus the groups.
	KeyUnlisted = "*unlisted"
)

// DefaultMinGroup is the minimum group size of a breakdown when none is given.
const DefaultMinGroup = 5

// MinRanked is the fewest interviews a question must have been asked in to enter a
// ranking ("most often declined"): 1 of 1 would top it at 100%.
const MinRanked = 5

// encryptedExt is the extension of an encrypted (real) session file.
const encryptedExt = vault.Ext

// maxSessionFile bounds what the report reads of one session file.
const maxSessionFile = 32 << 20

// ReportOptions configures NewReport.
type ReportOptions struct {
	// Guidelines are used for sessions of their id before any embedded guideline.
	Guidelines []*guidelines.Guideline
	// By breaks every figure down by the answers to this question id, or by ByProfile.
	By string
	// ReadEncrypted decrypts a real session file and returns its content (the JSON of the
	// session), which the report clears once read; nil means encrypted files are counted as
	// skipped. It is called from several goroutines at once.
	ReadEncrypted func(path string) ([]byte, error)
	// Workers is how many files are read at once (0: the number of CPUs, at most 8).
	Workers int
	// MinGroup is the minimum group size of a --by breakdown (statistical disclosure
	// control): 0 means DefaultMinGroup, 1 shows every group. See GuidelineReport.protect.
	MinGroup int
	// Rescore lists rule sets (guidelines that share the questions of the sessions', such
	// as mixed-flows-md-strict) that score every session's answers again, to compare their
	// outcomes with the ones of the session's own guideline.
	Rescore []*guidelines.Guideline
	// AllScenarios pools the interviews of several training scenarios as if they were one
	// pilot; without it, a report over several gives each its own group (--by scenario),
	// and a breakdown by anything else is a *ScenariosError.
	AllScenarios bool
	// IncludeDemos counts the demonstrations (simulate --autoplay) as interviews; by default
	// they are left out and counted in Skipped.Demos: the scenario playing itself is no one's
	// interview.
	IncludeDemos bool
}

// Report aggregates sessions for a pilot evaluation. It holds counts, medians and the
// guideline's own ids only: never a case code, an answer given or a note.
type Report struct {
	By string
	// MinGroup is the minimum group size of the breakdown (1: every group is shown).
	MinGroup int
	// ByScenarioAuto says the report is by scenario because its interviews came from
	// several scenarios, not because it was asked.
	ByScenarioAuto bool
	Guidelines     []*GuidelineReport // sorted by guideline id
	Skipped        Skipped
	// Duplicates counts the files left out as copies of a session already counted (the
	// same case code): each session is counted once.
	Duplicates int
	// Conflicts lists the copies that differ from the copy of their session counted, the
	// one changed last (by the session's own time of its last change); Differing counts the
	// sessions that have such copies.
	Conflicts []Conflict
	Differing int
}

// Conflict names two differing copies of one session: Kept, the later, is counted.
type Conflict struct {
	Kept, Dropped string // file paths
}

// Skipped counts the files left out of a report, and why.
type Skipped struct {
	// Encrypted counts real (encrypted) sessions that could not be read: no reader was
	// given, or the key is not unlocked.
	Encrypted int
	// Damaged lists files that are not readable sessions (not JSON, wrong version).
	Damaged []string
	// NoGuideline counts sessions by guideline id when no guideline with that id was found.
	NoGuideline map[string]int
	// Errors holds one error per damaged or unreadable file, for the command to show.
	Errors []error
	// Demos counts the demonstration sessions (simulate --autoplay) left out.
	Demos int
}

// GuidelineReport holds the figures of the sessions of one guideline.
type GuidelineReport struct {
	Guideline *guidelines.Guideline
	// By is the question broken down by (nil for none or for the profile).
	By *guidelines.Question
	// Groups[0] is every session; with By, one group per answer follows, in the
	// question's order (choices, then unknown, declined, not asked), or per profile. With
	// a minimum group size above 1, the answers given in fewer interviews are not among
	// them: they are merged into a last group, KeyOther.
	Groups []*Group
	// Additive is true when every session falls into exactly one group of the breakdown
	// (not a question with several answers), so that the groups add up to Groups[0].
	Additive bool
	// OtherVersion counts sessions run with a guideline file whose content differs from
	// the one loaded now; they are scored with the one loaded now.
	OtherVersion int
	// Rescores compare the outcomes of the finished interviews with those of each rule set
	// of ReportOptions.Rescore that shares this guideline's questions, in that order.
	Rescores []*Rescore
	// Fictional says the breakdown is by scenario and every interview is a training one:
	// no group is merged or withheld, as no real person is in any.
	Fictional bool

	// rules are the rule sets of ReportOptions.Rescore, which every group's pilot scores
	// against the follow-up beside the guideline (those that share its questions).
	rules []*guidelines.Guideline

	subsets map[string]*subset // by the group keys joined; nil once finished
	// open says groups are made as sessions come (by scenario, by language), after the
	// first made ones made from the guideline.
	open       bool
	made       int
	byScenario bool
}

// Group holds the figures of one group of sessions.
type Group struct {
	Key      string // KeyAll, an answer (choice id, yes, no, unknown, declined), KeyNotAsked or a profile id
	Sessions int
	// Finished counts the sessions whose status is finished. Outcomes, Indicators and Flags
	// count these only: an interview stopped part-way has a result of its first answers,
	// which says nothing of where it would have ended.
	Finished int
	// Merged lists, for the KeyOther group, the answers merged into it (each given in fewer
	// than MinGroup interviews, or in none), in the question's order.
	Merged []string
	// Suppressed says the group's figures are withheld (all zero here): it has fewer than
	// MinGroup interviews, or (Complement) it is withheld only so that such a group cannot
	// be worked out by subtracting the groups shown from Groups[0].
	Suppressed, Complement bool
	// ResultsSuppressed says Outcomes, Indicators and Flags are withheld (empty here) in a
	// group shown: fewer than MinGroup of its interviews are finished, or (ResultsComplement)
	// they are withheld only so that such a group's cannot be worked out from Groups[0].
	ResultsSuppressed, ResultsComplement bool
	// By guideline version, person's language, mode, status.
	Versions, Langs, Modes, Statuses map[string]int
	// Outcomes, Indicators and Flags count finished sessions by outcome id, and finished
	// sessions in which each indicator or flag was raised.
	Outcomes, Indicators, Flags map[string]int
	// Questions holds, per question (by Question.Index), how often it was asked.
	Questions []QuestionStats
	// MedianLength is the median total time of the question screens of a session.
	MedianLength float64
	// Pilot is the accuracy of the guideline (and of each rule set of --rescore) against
	// the follow-up results recorded in the group's finished interviews, and their cost.
	Pilot Pilot

	lengths []float64
}

// QuestionStats are one question's figures in a group.
type QuestionStats struct {
	// Asked counts sessions in which the question applied and was shown (answered or
	// not); Unanswered those of them that left it without an answer (stopped there or went
	// past it); Declined and Unknown those answered "prefer not to answer" and "don't know".
	Asked, Unanswered, Declined, Unknown int
	// MedianSeconds is the median time its screen was shown, over the sessions that asked it.
	MedianSeconds float64
	// Suppressed says Declined, Unknown and MedianSeconds are withheld (zero here): in a
	// group of a breakdown, fewer than MinGroup of its interviews asked the question, or
	// the figures would let such a cell be worked out from Groups[0].
	Suppressed bool

	times []float64
}

// Rate returns k of n as a fraction (0 when n is 0).
func Rate(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// CollectFiles expands paths into session files: a file is taken as it is; a folder is
// walked for *.json (training) and *.age (encrypted) files, sorted by path.
func CollectFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			name := d.Name()
			// Temp files of an atomic write, the key and the settings are not sessions.
			if strings.HasPrefix(name, ".") || name == vault.IdentityFileName || name == "config.json" {
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(name)); ext == ".json" || ext == encryptedExt {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// reportSession is the part of a session file a report reads: decoding only these fields
// (no history, no notes) is most of what makes a report over thousands of files fast.
type reportSession struct {
	Version   int
	Code      string
	Guideline interview.GuidelineRef
	Mode      interview.Mode
	Lang      string
	Status    interview.Status
	Scenario  string
	Demo      bool
	Updated   time.Time
	Position  interview.Position
	Answers   reportAnswers
	Timings   map[string]reportTiming
	FollowUp  interview.FollowUpResult // the last of the session's follow-ups
}

type reportAnswers struct {
	Values map[string]guidelines.Value
}

type reportTiming struct {
	Seconds float64
	Visits  int
}

// record is what one session file contributes to a report: a scored session, or why the
// file is left out.
type record struct {
	path string
	// code, updated and digest identify a session read (scored, a demonstration or of an
	// unknown guideline), so that copies of it count once: digest is the SHA-256 of the
	// file's content (decrypted, for a real session).
	code    string
	updated time.Time
	digest  [sha256.Size]byte

	f           *fact
	err         error
	encrypted   bool   // an encrypted file that could not be read
	damagedPath string // the path of a file that is not a readable session
	noGuideline string // the guideline id of a session whose guideline was not found
	demo        bool   // a demonstration, left out
}

// fact is what a report keeps of one scored session: a few ids and, per question, a few
// bits and a time. A report over many thousands of sessions holds one of these per session
// (copies are only known to be copies once every file is read), never the answers or the
// assessment.
type fact struct {
	g *guidelines.Guideline
	// otherVersion says the session was run with a guideline file whose content differs
	// from g (GuidelineReport.OtherVersion counts these).
	otherVersion bool
	version      string
	lang         string
	scenario     string
	mode         interview.Mode
	status       interview.Status
	outcome      string
	profile      string
	indicators   []string
	flags        []string
	questions    []qfact                  // by Question.Index
	rescored     []rescoreFact            // by ReportOptions.Rescore
	followUp     interview.FollowUpResult // the current follow-up result, if any
}

// qfact is one question of a session.
type qfact struct {
	// choices holds the answer to a yes/no or choice question as bits: bit i for choice i
	// (yes/no: bit 0 yes, bit 1 no), so that a breakdown by any question needs no answers.
	choices uint64
	// seconds is the time on the question's screen: float32 keeps milliseconds up to
	// hours, and halves what thousands of sessions hold.
	seconds float32
	// bits come last: after choices and seconds they fit in the padding of 16 bytes,
	// where between the two they took a word of their own (24 bytes a question).
	bits qbits
}

type qbits uint8

const (
	qApplies qbits = 1 << iota
	qAnswered
	qTimed // a timing was recorded
	qShown // its screen was shown (at least one visit)
	qDeclined
	qUnknown
)

func (q qfact) has(b qbits) bool { return q.bits&b != 0 }

// newFact keeps of s, scored with g as a, what a report needs.
func newFact(g *guidelines.Guideline, s *reportSession, a *indicators.Assessment, otherVersion bool) *fact {
	f := &fact{g: g, otherVersion: otherVersion, version: s.Guideline.Version, lang: s.Lang, scenario: s.Scenario,
		mode: s.Mode, status: s.Status, outcome: a.Outcome.ID, profile: a.Profile, questions: make([]qfact, len(g.Questions))}
	for _, in := range a.Indicators {
		f.indicators = append(f.indicators, in.Indicator.ID)
	}
	for _, fl := range a.Flags {
		f.flags = append(f.flags, fl.Flag.ID)
	}
	for _, q := range g.Questions {
		qf := &f.questions[q.Index]
		if a.Applies[q.Index] {
			qf.bits |= qApplies
		}
		if t, ok := s.Timings[q.ID]; ok {
			qf.bits |= qTimed
			qf.seconds = float32(t.Seconds)
			if t.Visits > 0 {
				qf.bits |= qShown
			}
		}
		v, ok := s.Answers.Values[q.ID]
		if !ok {
			continue
		}
		qf.bits |= qAnswered
		switch v.Special {
		case guidelines.Declined:
			qf.bits |= qDeclined
		case guidelines.Unknown:
			qf.bits |= qUnknown
		}
		switch q.Type {
		case guidelines.TypeYesNo:
			switch v.Str {
			case "yes":
				qf.choices = 1
			case "no":
				qf.choices = 2
			}
		case guidelines.TypeChoice, guidelines.TypeMulti:
			for i, c := range q.Choices {
				if i < 64 && (v.Str == c.ID || slices.Contains(v.List, c.ID)) {
					qf.choices |= 1 << i
				}
			}
		}
	}
	return f
}

var slugRe = regexp.MustCompile(`^[a-z0-9-]+$`)

// guidelineCache resolves guideline ids to guidelines once, for every worker.
type guidelineCache struct {
	mu    sync.Mutex
	given map[string]*guidelines.Guideline
	found map[string]*guidelines.Guideline
}

func (c *guidelineCache) get(id string) *guidelines.Guideline {
	if g := c.given[id]; g != nil {
		return g
	}
	// Only an id is ever opened: a session file naming a path must not make the report
	// read another file.
	if !slugRe.MatchString(id) {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if g, ok := c.found[id]; ok {
		return g
	}
	g, ds := guidelines.Open(id)
	if ds.HasErrors() {
		g = nil
	}
	c.found[id] = g
	return g
}

// NewReport reads the session files and aggregates them. A file that cannot be read or
// decoded is counted in Skipped (with its error), never fatal; an unknown --by question
// for a guideline is an error.
func NewReport(files []string, opts ReportOptions) (*Report, error) {
	return aggregate(readRecords(files, opts), opts.By, opts.MinGroup, opts.AllScenarios, opts.Rescore...)
}

// readRecords reads, decodes and scores the files, opts.Workers at a time, and yields
// each file's record as it is ready (in no fixed order). Records are aggregated as they
// come, so that a report over many thousands of files never holds them all.
func readRecords(files []string, opts ReportOptions) iter.Seq[record] {
	return func(yield func(record) bool) {
		cache := &guidelineCache{given: map[string]*guidelines.Guideline{}, found: map[string]*guidelines.Guideline{}}
		for _, g := range opts.Guidelines {
			if _, dup := cache.given[g.ID]; !dup {
				cache.given[g.ID] = g
			}
		}
		workers := opts.Workers
		if workers <= 0 {
			workers = min(runtime.NumCPU(), 8)
		}
		jobs := make(chan string)
		results := make(chan record, 64)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				dec := newSessionDecoder()
				for path := range jobs {
					results <- readRecord(path, cache, opts, dec)
				}
			}()
		}
		go func() {
			defer close(jobs)
			for _, f := range files {
				select {
				case jobs <- f:
				case <-stop:
					return
				}
			}
		}()
		go func() {
			wg.Wait()
			close(results)
		}()
		// A caller that stops early must not leave the workers blocked on a full channel:
		// no file is handed out after stop, and the ones in hand are drained.
		defer func() {
			close(stop)
			for range results {
			}
		}()
		for rec := range results {
			if !yield(rec) {
				return
			}
		}
	}
}

// aggregate builds a report from the records of the files, broken down by the question
// (or ByProfile) by, with the minimum group size minGroup (0: DefaultMinGroup). It only
// reads the records.
func aggregate(records iter.Seq[record], by string, minGroup int, allScenarios bool, rescore ...*guidelines.Guideline) (*Report, error) {
	if minGroup <= 0 {
		minGroup = DefaultMinGroup
	}
	r := &Report{By: by, MinGroup: minGroup, Skipped: Skipped{NoGuideline: map[string]int{}}}
	byID := map[string]*GuidelineReport{}
	var byErr error
	// Every session counts once, however many copies of it were given (USB copies of
	// several laptops merged into one folder): by case code, the later of differing copies.
	kept := map[string]record{}
	copies := map[string][]record{} // the copies left out, by the key of the one kept
	for rec := range records {
		switch {
		case rec.encrypted:
			r.Skipped.Encrypted++
			if rec.err != nil {
				r.Skipped.Errors = append(r.Skipped.Errors, rec.err)
			}
			continue
		case rec.damagedPath != "":
			r.Skipped.Damaged = append(r.Skipped.Damaged, rec.damagedPath)
			r.Skipped.Errors = append(r.Skipped.Errors, rec.err)
			continue
		}
		key := rec.code
		if key == "" {
			key = "#" + string(rec.digest[:])
		}
		prev, dup := kept[key]
		if !dup {
			kept[key] = rec
			continue
		}
		r.Duplicates++
		later, earlier := rec, prev
		if c := rec.updated.Compare(prev.updated); c < 0 || c == 0 && rec.path < prev.path {
			later, earlier = prev, rec
		}
		kept[key] = later
		copies[key] = append(copies[key], record{path: earlier.path, digest: earlier.digest})
	}
	// Which copies differ from the one counted is known only once every copy is read.
	for key, others := range copies {
		k := kept[key]
		differs := false
		for _, o := range others {
			if o.digest != k.digest {
				r.Conflicts = append(r.Conflicts, Conflict{Kept: k.path, Dropped: o.path})
				differs = true
			}
		}
		if differs {
			r.Differing++
		}
	}
	slices.SortFunc(r.Conflicts, func(a, b Conflict) int {
		return cmp.Or(strings.Compare(a.Kept, b.Kept), strings.Compare(a.Dropped, b.Dropped))
	})
	recs := slices.SortedFunc(maps.Values(kept), func(a, b record) int { return strings.Compare(a.path, b.path) })
	// Interviews of different scenarios are different cases: a figure over all of them
	// would compare a trainee with another scenario's. Unless asked to pool them, a report
	// gives each scenario its own group, or, broken down by something else, refuses.
	if scenarios := severalScenarios(recs); scenarios != nil && !allScenarios && by != ByScenario {
		if by != "" {
			for _, rec := range recs {
				if rec.f != nil {
					if err := CheckBy(rec.f.g, by); err != nil {
						return nil, err // the question is wrong whatever the scenarios
					}
				}
			}
			return nil, scenarios
		}
		by, r.By, r.ByScenarioAuto = ByScenario, ByScenario, true
	}
	for _, rec := range recs {
		switch {
		case rec.noGuideline != "":
			r.Skipped.NoGuideline[rec.noGuideline]++
			continue
		case rec.demo:
			r.Skipped.Demos++
			continue
		}
		f := rec.f
		gr := byID[f.g.ID]
		if gr == nil {
			gr = newGuidelineReport(f.g, by)
			gr.rules = rescore
			byID[f.g.ID] = gr
			if err := CheckBy(f.g, by); err != nil && byErr == nil {
				byErr = err
			}
		}
		gr.add(f, groupKeys(f.g, by, f))
		gr.addRescores(f, rescore)
	}
	if byErr != nil {
		return nil, byErr
	}
	sort.Strings(r.Skipped.Damaged)
	slices.SortFunc(r.Skipped.Errors, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	for _, gr := range byID {
		gr.finish(minGroup)
		r.Guidelines = append(r.Guidelines, gr)
	}
	slices.SortFunc(r.Guidelines, func(a, b *GuidelineReport) int { return strings.Compare(a.Guideline.ID, b.Guideline.ID) })
	return r, nil
}

// severalScenarios returns, for the first guideline (by id) whose interviews in recs come
// from several scenarios (KeyNoScenario for none: real interviews), their counts; nil when
// every guideline's interviews come from one.
func severalScenarios(recs []record) *ScenariosError {
	counts := map[string]map[string]int{}
	for _, rec := range recs {
		if rec.f == nil {
			continue
		}
		k := rec.f.scenario
		if k == "" {
			k = KeyNoScenario
		}
		id := rec.f.g.ID
		if counts[id] == nil {
			counts[id] = map[string]int{}
		}
		counts[id][k]++
	}
	for _, id := range slices.Sorted(maps.Keys(counts)) {
		if len(counts[id]) > 1 {
			return &ScenariosError{Guideline: id, Scenarios: counts[id]}
		}
	}
	return nil
}

// ScenariosError says a report broken down by a question was asked of the interviews of
// several scenarios, which it does not pool unless told to.
type ScenariosError struct {
	Guideline string
	Scenarios map[string]int // interviews by scenario id (KeyNoScenario: real ones)
}

func (e *ScenariosError) Error() string {
	return fmt.Sprintf("the sessions of the guideline %s come from %d scenarios (%s); a breakdown over all of them would mix different cases: choose --by scenario, give the sessions of one scenario only, or pool them with --all-scenarios", e.Guideline, len(e.Scenarios), strings.Join(slices.Sorted(maps.Keys(e.Scenarios)), ", "))
}

// ByQuestionError says the --by question cannot group sessions of a guideline.
type ByQuestionError struct {
	Question  string
	Guideline string
	// Kind is "unknown" (no such question), "type" (a text, number or date question:
	// its answers are not categories) or "sensitive" (identifying data).
	Kind string
}

func (e *ByQuestionError) Error() string {
	switch e.Kind {
	case "type":
		return fmt.Sprintf("the question %q of the guideline %s takes free answers, which are not groups; choose a yes/no or choice question, or profile", e.Question, e.Guideline)
	case "sensitive":
		return fmt.Sprintf("the question %q of the guideline %s holds identifying data and cannot group a report", e.Question, e.Guideline)
	}
	return fmt.Sprintf("the guideline %s has no question %q to group by", e.Guideline, e.Question)
}

// CheckBy reports whether sessions of g can be grouped by the answers to question id.
func CheckBy(g *guidelines.Guideline, id string) error {
	if id == "" || byMetadata(id) {
		return nil
	}
	q := g.Question(id)
	switch {
	case q == nil:
		return &ByQuestionError{Question: id, Guideline: g.ID, Kind: "unknown"}
	case q.Sensitive:
		return &ByQuestionError{Question: id, Guideline: g.ID, Kind: "sensitive"}
	case q.Type != guidelines.TypeYesNo && q.Type != guidelines.TypeChoice && q.Type != guidelines.TypeMulti:
		return &ByQuestionError{Question: id, Guideline: g.ID, Kind: "type"}
	}
	return nil
}

// readRecord reads, decodes and scores one file.
func readRecord(path string, cache *guidelineCache, opts ReportOptions, dec *sessionDecoder) record {
	var data []byte
	if strings.EqualFold(filepath.Ext(path), encryptedExt) {
		if opts.ReadEncrypted == nil {
			return record{encrypted: true}
		}
		plain, err := opts.ReadEncrypted(path)
		if err != nil {
			return record{encrypted: true, err: &SkipError{File: path, Reason: SkipEncrypted, Err: err}}
		}
		// The content of a real session: gone from memory once read.
		defer clear(plain)
		data = plain
	} else {
		var err error
		if data, err = readLimited(path); err != nil {
			return record{damagedPath: path, err: err}
		}
	}
	s := &reportSession{}
	if err := decodeReportSession(dec, path, data, s); err != nil {
		return record{damagedPath: path, err: err}
	}
	rec := record{path: path, code: strings.ToUpper(s.Code), updated: s.Updated, digest: sha256.Sum256(data)}
	if s.Demo && !opts.IncludeDemos {
		rec.demo = true
		return rec
	}
	g := cache.get(s.Guideline.ID)
	if g == nil {
		rec.noGuideline = s.Guideline.ID
		return rec
	}
	otherVersion := s.Guideline.Hash != "" && s.Guideline.Hash != g.Hash
	vals := s.Answers.Values
	if otherVersion || vals == nil {
		// Answers recorded with another version of the file may not fit this one: keep
		// those that do, as the engine does.
		clean := make(map[string]guidelines.Value, len(vals))
		for id, v := range vals {
			if q := g.Question(id); q != nil {
				if nv, err := interview.Validate(q, v); err == nil {
					clean[id] = nv
				}
			}
		}
		vals = clean
		s.Answers.Values = clean
	}
	a, err := indicators.Score(g, guidelines.Answers{Values: vals})
	if err != nil {
		return record{damagedPath: path, err: &SkipError{File: path, Reason: SkipScore, Err: err}}
	}
	rec.f = newFact(g, s, a, otherVersion)
	rec.f.followUp = s.FollowUp
	if len(opts.Rescore) > 0 {
		if rec.f.rescored, err = rescore(g, vals, s.Timings, opts.Rescore); err != nil {
			return record{damagedPath: path, err: &SkipError{File: path, Reason: SkipScore, Err: err}}
		}
	}
	return rec
}

// readLimited reads a session file of at most maxSessionFile bytes; its errors are
// *SkipError.
func readLimited(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &SkipError{File: path, Reason: SkipUnreadable, Err: err}
	}
	if st.Size() > maxSessionFile {
		return nil, &SkipError{File: path, Reason: SkipTooLarge}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &SkipError{File: path, Reason: SkipUnreadable, Err: err}
	}
	return data, nil
}

// Reasons of a SkipError.
const (
	SkipNotSession = "not_session" // not JSON, or not shaped like a session
	SkipVersion    = "version"     // a session file of another version
	SkipTooLarge   = "too_large"   // far larger than any session
	SkipUnreadable = "unreadable"  // the file system refused (permissions, vanished, I/O)
	SkipScore      = "score"       // the answers could not be scored with the guideline
	SkipEncrypted  = "encrypted"   // an encrypted session the key did not open
)

// SkipError says why one file was left out of a report. Its Error is English, for logs;
// Message says it in the reader's language, with the file's name.
type SkipError struct {
	File    string
	Reason  string // one of the Skip* reasons
	Version int    // the file's session version, for SkipVersion
	Err     error  // what went wrong underneath, when anything did
}

func (e *SkipError) Error() string {
	switch e.Reason {
	case SkipNotSession:
		return fmt.Sprintf("%s: the file is not a session: %v", e.File, e.Err)
	case SkipVersion:
		return fmt.Sprintf("%s: the session file has version %d; this earlyid reads version %d", e.File, e.Version, interview.SessionVersion)
	case SkipTooLarge:
		return fmt.Sprintf("%s: the file is far too large to be a session", e.File)
	case SkipScore:
		return fmt.Sprintf("%s: the answers could not be scored: %v", e.File, e.Err)
	case SkipEncrypted:
		return fmt.Sprintf("%s: the encrypted session could not be read: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: the file could not be read: %v", e.File, e.Err)
}

// Unwrap returns the error underneath.
func (e *SkipError) Unwrap() error { return e.Err }

// Message says in l's language why the file was left out. A reason from the file system
// or the scoring keeps its detail (the operating system's words); a file that is not a
// session does not: the decoder's message would only confuse.
func (e *SkipError) Message(l *locales.Localizer) string {
	data := map[string]any{"File": textsafe.Line(e.File), "Version": e.Version, "Want": interview.SessionVersion}
	if e.Err != nil {
		data["Detail"] = textsafe.Line(e.Err.Error())
	}
	reason := e.Reason
	switch {
	case reason == SkipUnreadable && errors.Is(e.Err, fs.ErrPermission):
		reason = "permission"
	case reason == SkipUnreadable && errors.Is(e.Err, fs.ErrNotExist):
		reason = "vanished"
	}
	return l.T("train.report.skip."+reason, data)
}

// SkipMessage says err, an error of Skipped.Errors, in l's language.
func SkipMessage(err error, l *locales.Localizer) string {
	var se *SkipError
	if errors.As(err, &se) {
		return se.Message(l)
	}
	return textsafe.Line(err.Error())
}

// groupKeys returns the groups a session falls into for by: its answer to the question
// (each choice of a multi answer: a session may be in several groups), unknown, declined
// or not asked; or its profile.
func groupKeys(g *guidelines.Guideline, by string, f *fact) []string {
	switch by {
	case "":
		return nil
	case ByProfile:
		return []string{f.profile}
	case ByScenario:
		if f.scenario == "" {
			return []string{KeyNoScenario}
		}
		return []string{f.scenario}
	case ByLanguage:
		return []string{f.lang}
	}
	q := g.Question(by)
	if q == nil || CheckBy(g, by) != nil {
		return nil
	}
	qf := f.questions[q.Index]
	switch {
	case !qf.has(qAnswered) || !qf.has(qApplies):
		return []string{KeyNotAsked}
	case qf.has(qDeclined):
		return []string{guidelines.Declined}
	case qf.has(qUnknown):
		return []string{guidelines.Unknown}
	case q.Type == guidelines.TypeYesNo:
		switch qf.choices {
		case 1:
			return []string{"yes"}
		case 2:
			return []string{"no"}
		}
		return []string{KeyUnlisted}
	}
	var keys []string
	for i, c := range q.Choices {
		if i < 64 && qf.choices&(1<<i) != 0 {
			keys = append(keys, c.ID)
		}
	}
	if len(keys) == 0 {
		// Answered, but with no choice the loaded guideline has: asked, so not "not asked".
		return []string{KeyUnlisted}
	}
	return keys
}

func newGuidelineReport(g *guidelines.Guideline, by string) *GuidelineReport {
	gr := &GuidelineReport{Guideline: g, subsets: map[string]*subset{}}
	gr.Groups = []*Group{newGroup(g, KeyAll)}
	if by == "" {
		return gr
	}
	var keys []string
	gr.Additive = true
	gr.open = by == ByScenario || by == ByLanguage
	gr.byScenario = by == ByScenario
	switch by {
	case ByProfile:
		for _, p := range g.Profiles {
			keys = append(keys, p.ID)
		}
		if len(keys) == 0 {
			keys = []string{""}
		}
	case ByScenario:
		// The groups are the scenarios found (add), in the order of their ids.
	case ByLanguage:
		keys = slices.Clone(g.Languages)
	default:
		if CheckBy(g, by) != nil {
			return gr
		}
		q := g.Question(by)
		gr.By = q
		gr.Additive = q.Type != guidelines.TypeMulti
		if q.Type == guidelines.TypeYesNo {
			keys = []string{"yes", "no"}
		}
		for _, c := range q.Choices {
			keys = append(keys, c.ID)
		}
		keys = append(keys, guidelines.Unknown, guidelines.Declined, KeyNotAsked)
	}
	for _, k := range keys {
		gr.Groups = append(gr.Groups, newGroup(g, k))
	}
	gr.made = len(gr.Groups)
	return gr
}

func newGroup(g *guidelines.Guideline, key string) *Group {
	return &Group{
		Key: key, Versions: map[string]int{}, Langs: map[string]int{}, Modes: map[string]int{}, Statuses: map[string]int{},
		Outcomes: map[string]int{}, Indicators: map[string]int{}, Flags: map[string]int{},
		Questions: make([]QuestionStats, len(g.Questions)),
	}
}

// subset is the sessions that fall into exactly the same groups of a breakdown (one group
// for most questions; any set of answers of a question with several answers). The groups
// are built from subsets at the end, so that a merged group counts each session once.
type subset struct {
	keys map[string]bool
	grp  *Group
}

// add counts f in the group of all sessions and in the subset of the groups it falls
// into, whose keys are in (groupKeys).
func (gr *GuidelineReport) add(f *fact, in []string) {
	if f.otherVersion {
		gr.OtherVersion++
	}
	gr.Groups[0].add(gr.Guideline, f, gr.rules)
	if gr.open || slices.Contains(in, KeyUnlisted) {
		// A scenario, a language the guideline does not have (a session file written
		// elsewhere) or an answer it does not have: a group of its own, made when a session
		// falls into it.
		for _, k := range in {
			if !slices.ContainsFunc(gr.Groups[1:], func(grp *Group) bool { return grp.Key == k }) {
				gr.Groups = append(gr.Groups, newGroup(gr.Guideline, k))
			}
		}
	}
	var keys []string
	for _, grp := range gr.Groups[1:] {
		if slices.Contains(in, grp.Key) {
			keys = append(keys, grp.Key)
		}
	}
	if len(keys) == 0 {
		return
	}
	id := strings.Join(keys, "\x00")
	sub := gr.subsets[id]
	if sub == nil {
		sub = &subset{keys: map[string]bool{}, grp: newGroup(gr.Guideline, "")}
		for _, k := range keys {
			sub.keys[k] = true
		}
		gr.subsets[id] = sub
	}
	sub.grp.add(gr.Guideline, f, gr.rules)
}

// add counts f, a session of g, into grp; rules are the report's rule sets of --rescore.
func (grp *Group) add(g *guidelines.Guideline, f *fact, rules []*guidelines.Guideline) {
	grp.Sessions++
	grp.Versions[f.version]++
	grp.Langs[f.lang]++
	grp.Modes[string(f.mode)]++
	grp.Statuses[string(f.status)]++
	if f.status == interview.StatusFinished {
		grp.Finished++
		grp.Outcomes[f.outcome]++
		for _, id := range f.indicators {
			grp.Indicators[id]++
		}
		for _, id := range f.flags {
			grp.Flags[id]++
		}
	}
	length, asked := 0.0, 0
	for _, q := range g.Questions {
		qf := f.questions[q.Index]
		if qf.has(qTimed) {
			length += float64(qf.seconds)
		}
		// Asked is what was shown: a question reached and left unanswered (the interview
		// stopped there, or went past it) was asked all the same.
		if !qf.has(qApplies) || !qf.has(qAnswered) && !qf.has(qShown) {
			continue
		}
		asked++
		qs := &grp.Questions[q.Index]
		qs.Asked++
		if !qf.has(qAnswered) {
			qs.Unanswered++
		}
		switch {
		case qf.has(qDeclined):
			qs.Declined++
		case qf.has(qUnknown):
			qs.Unknown++
		}
		if qf.has(qShown) {
			qs.times = append(qs.times, float64(qf.seconds))
		}
	}
	grp.lengths = append(grp.lengths, length)
	grp.Pilot.add(g, f, rules, length, asked)
}

// merge adds the sessions of o (not yet finished) to grp.
func (grp *Group) merge(o *Group) {
	grp.Sessions += o.Sessions
	grp.Finished += o.Finished
	for _, m := range [][2]map[string]int{{grp.Versions, o.Versions}, {grp.Langs, o.Langs}, {grp.Modes, o.Modes},
		{grp.Statuses, o.Statuses}, {grp.Outcomes, o.Outcomes}, {grp.Indicators, o.Indicators}, {grp.Flags, o.Flags}} {
		for k, n := range m[1] {
			m[0][k] += n
		}
	}
	for i := range grp.Questions {
		q, oq := &grp.Questions[i], o.Questions[i]
		q.Asked += oq.Asked
		q.Unanswered += oq.Unanswered
		q.Declined += oq.Declined
		q.Unknown += oq.Unknown
		q.times = append(q.times, oq.times...)
	}
	grp.lengths = append(grp.lengths, o.lengths...)
	grp.Pilot.merge(&o.Pilot)
}

// finish builds the groups of the breakdown from the subsets, applies the minimum group
// size and works out the medians.
func (gr *GuidelineReport) finish(minGroup int) {
	if gr.byScenario && !slices.ContainsFunc(gr.Groups[1:], func(grp *Group) bool { return grp.Key == KeyNoScenario }) {
		// By scenario, and every interview a training one: no real person is in any group,
		// and merging small scenarios into "other answers" would pool the cases that the
		// breakdown is there to keep apart.
		gr.Fictional, minGroup = true, 1
	}
	if gr.open {
		// The groups in a fixed order: those made from the guideline (its languages) as
		// made, the rest by id, the interviews of no scenario last.
		slices.SortStableFunc(gr.Groups[gr.made:], func(a, b *Group) int {
			return cmp.Or(cmp.Compare(boolInt(a.Key == KeyNoScenario), boolInt(b.Key == KeyNoScenario)), strings.Compare(a.Key, b.Key))
		})
	}
	if len(gr.Groups) > 1 {
		// Subsets in a fixed order, so that the lists of times are the same every run.
		ids := make([]string, 0, len(gr.subsets))
		for id := range gr.subsets {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, grp := range gr.Groups[1:] {
			for _, id := range ids {
				if gr.subsets[id].keys[grp.Key] {
					grp.merge(gr.subsets[id].grp)
				}
			}
		}
		if minGroup > 1 {
			gr.mergeSmall(minGroup, ids)
		}
	}
	gr.subsets = nil
	// Every group has the thresholds by count of all the interviews, so that their rows line
	// up (and add up to those of all).
	ks := gr.Groups[0].Pilot.countsFound()
	for _, grp := range gr.Groups {
		grp.Pilot.finish(ks)
		grp.MedianLength = median(grp.lengths)
		grp.lengths = nil
		for i := range grp.Questions {
			grp.Questions[i].MedianSeconds = median(grp.Questions[i].times)
			grp.Questions[i].times = nil
		}
	}
	if minGroup > 1 {
		gr.protect(minGroup)
	}
}

// mergeSmall replaces the groups of fewer than minGroup interviews (none included: that a
// rare answer was given at all is not shown either) by one KeyOther group, last. A session
// counts once in it, whichever of its answers were merged.
func (gr *GuidelineReport) mergeSmall(minGroup int, ids []string) {
	var kept []*Group
	small := map[string]bool{}
	other := newGroup(gr.Guideline, KeyOther)
	for i, grp := range gr.Groups {
		if i > 0 && grp.Sessions < minGroup {
			small[grp.Key] = true
			other.Merged = append(other.Merged, grp.Key)
			continue
		}
		kept = append(kept, grp)
	}
	if len(small) == 0 {
		return
	}
	for _, id := range ids {
		for k := range gr.subsets[id].keys {
			if small[k] {
				other.merge(gr.subsets[id].grp)
				break
			}
		}
	}
	gr.Groups = append(kept, other)
}

// protect withholds the figures of a breakdown that could point at a person:
//
//   - a group of fewer than minGroup interviews (only the merged KeyOther group can be one);
//   - in an additive breakdown, the groups shown add up to Groups[0], so the withheld ones
//     could be worked out by subtraction: while the withheld groups together hold between 1
//     and minGroup-1 interviews, the smallest group shown is withheld too (Complement);
//   - in a group shown, a question's declined, "don't know" and median time when fewer
//     than minGroup of the group's interviews asked it, and, in an additive breakdown,
//     by the same rule as above, in the group shown that asked it least;
//   - in a group shown, the outcomes, indicators and flags (which count finished interviews
//     only) when fewer than minGroup of its interviews are finished, and by the same rule
//     as above in the group shown with the fewest finished (ResultsSuppressed);
//   - in a group shown, its figures against the follow-up, whole or by threshold, by the
//     same rule over their bases (protectPilot).
//
// In Groups[0], only a question's declined, "don't know" and median time are withheld, when
// fewer than minGroup interviews asked it: "declined: 1 (100%)" of a question asked once
// says what one person did. Its other figures are never changed. Ties go to the group
// first in order, so the result is the same every run.
func (gr *GuidelineReport) protect(minGroup int) {
	for i := range gr.Groups[0].Questions {
		if qs := &gr.Groups[0].Questions[i]; qs.Asked > 0 && qs.Asked < minGroup {
			qs.Suppressed = true
			qs.Unanswered, qs.Declined, qs.Unknown, qs.MedianSeconds = 0, 0, 0, 0
		}
	}
	groups := gr.Groups[1:]
	hidden := 0
	for _, grp := range groups {
		if grp.Sessions < minGroup {
			grp.Suppressed = true
			hidden += grp.Sessions
		}
	}
	if gr.Additive {
		for hidden > 0 && hidden < minGroup {
			next := smallest(groups, func(grp *Group) (int, bool) { return grp.Sessions, !grp.Suppressed })
			if next == nil {
				break
			}
			next.Suppressed, next.Complement = true, true
			hidden += next.Sessions
		}
	}
	// The results count finished interviews only: a group shown may have too few of them
	// although it has interviews enough. Same rules, over the finished ones.
	gr.withholdSmall(minGroup, func(grp *Group) int { return grp.Finished },
		func(grp *Group) bool { return grp.ResultsSuppressed },
		func(grp *Group, complement bool) { grp.ResultsSuppressed, grp.ResultsComplement = true, complement })
	gr.protectPilot(minGroup)
	for i := range gr.Guideline.Questions {
		gr.withholdSmall(minGroup, func(grp *Group) int { return grp.Questions[i].Asked },
			func(grp *Group) bool { return grp.Questions[i].Suppressed },
			func(grp *Group, _ bool) { grp.Questions[i].Suppressed = true })
	}
	for _, grp := range groups {
		if grp.Suppressed {
			grp.withhold()
			continue
		}
		if grp.ResultsSuppressed {
			clear(grp.Outcomes)
			clear(grp.Indicators)
			clear(grp.Flags)
		}
		for i := range grp.Questions {
			if qs := &grp.Questions[i]; qs.Suppressed {
				qs.Unanswered, qs.Declined, qs.Unknown, qs.MedianSeconds = 0, 0, 0, 0
			}
		}
	}
}

// withholdSmall applies protect's rule to one count per group (finished interviews, the
// interviews that asked a question, or a figure of the pilot): a group shown whose count is
// between 1 and minGroup-1 is withheld; in an additive breakdown, while the withheld ones
// (whole groups, and those withheld already, by an earlier count of the same figures,
// included) hold between 1 and minGroup-1 together, so is the group shown with the
// smallest count, which withhold is told is a complement.
func (gr *GuidelineReport) withholdSmall(minGroup int, count func(*Group) int, withheld func(*Group) bool, withhold func(grp *Group, complement bool)) {
	groups := gr.Groups[1:]
	hidden := 0
	for _, grp := range groups {
		switch n := count(grp); {
		case grp.Suppressed || withheld(grp):
			// Withheld already, the whole group or by an earlier rule on the same figures.
			hidden += n
		case n > 0 && n < minGroup:
			withhold(grp, false)
			hidden += n
		}
	}
	if !gr.Additive {
		return
	}
	for hidden > 0 && hidden < minGroup {
		next := smallest(groups, func(grp *Group) (int, bool) {
			n := count(grp)
			return n, !grp.Suppressed && !withheld(grp) && n > 0
		})
		if next == nil {
			break
		}
		withhold(next, true)
		hidden += count(next)
	}
}

// smallest returns the candidate group with the least size, the first of equals.
func smallest(groups []*Group, size func(*Group) (int, bool)) *Group {
	var best *Group
	bestN := 0
	for _, grp := range groups {
		if n, ok := size(grp); ok && (best == nil || n < bestN) {
			best, bestN = grp, n
		}
	}
	return best
}

// withhold clears the figures of a suppressed group, so that no renderer can show them.
func (grp *Group) withhold() {
	grp.Sessions, grp.Finished = 0, 0
	for _, m := range []map[string]int{grp.Versions, grp.Langs, grp.Modes, grp.Statuses, grp.Outcomes, grp.Indicators, grp.Flags} {
		clear(m)
	}
	grp.Questions = make([]QuestionStats, len(grp.Questions))
	grp.MedianLength = 0
	grp.Pilot = Pilot{}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// NeverReached returns the questions no session of grp asked, in file order.
func (grp *Group) NeverReached(g *guidelines.Guideline) []*guidelines.Question {
	var out []*guidelines.Question
	for _, q := range g.Questions {
		if grp.Questions[q.Index].Asked == 0 {
			out = append(out, q)
		}
	}
	return out
}
