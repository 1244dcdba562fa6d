// Command loadtest runs full self-checks against earlyid serve on loopback and prints what
// the people waited for, the errors, and what the server used: its CPU time per page and
// its peak resident memory. Each crowd size gets a new server process, so its peak memory
// is its own.
//
//	go build -o /tmp/earlyid ./cmd/earlyid
//	go run ./interview/web/internal/loadtest/cmd/loadtest -bin /tmp/earlyid -people 100,500 -rate 300 -duration 30s
//
// -inprocess serves the pages from this process instead (no -bin), so that -cpuprofile and
// -memprofile see the server's code; its CPU and memory figures then include the people's.
// It exits with status 1 when a page failed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/guidelines"
	"github.com/earlyid/earlyid/interview/web"
	"github.com/earlyid/earlyid/interview/web/internal/loadtest"
)

func main() {
	bin := flag.String("bin", "", "the earlyid binary to serve with (required unless -inprocess)")
	people := flag.String("people", "100,500", "how many people at once, a comma-separated list: one run each")
	rate := flag.Float64("rate", 300, "pages a second, all people together (0: as fast as the server answers)")
	duration := flag.Duration("duration", 20*time.Second, "how long each run measures")
	warmup := flag.Duration("warmup", 2*time.Second, "how long each run loads the server before it measures")
	contact := flag.Float64("contact", 0.2, "the share of people who ask to be contacted")
	wander := flag.Float64("wander", 0.1, "the share of people who go back once, and who change the language once")
	inprocess := flag.Bool("inprocess", false, "serve from this process (for -cpuprofile and -memprofile)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the first measured run to `FILE`")
	memprofile := flag.String("memprofile", "", "write a heap profile at the end to `FILE`")
	flag.Parse()
	if *bin == "" && !*inprocess {
		fmt.Fprintln(os.Stderr, "loadtest: give -bin (an earlyid binary) or -inprocess")
		os.Exit(2)
	}
	var crowds []int
	for f := range strings.SplitSeq(*people, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "loadtest: -people %q is not a list of positive numbers\n", *people)
			os.Exit(2)
		}
		crowds = append(crowds, n)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c := config{bin: *bin, inprocess: *inprocess, rate: *rate, duration: *duration, warmup: *warmup,
		contact: *contact, wander: *wander, cpuprofile: *cpuprofile}
	failed := false
	for _, n := range crowds {
		ok, err := c.run(ctx, n)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(2)
		}
		failed = failed || !ok
	}
	if *memprofile != "" {
		if err := writeHeap(*memprofile); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(2)
		}
	}
	if failed {
		os.Exit(1)
	}
}

type config struct {
	bin              string
	inprocess        bool
	rate             float64
	duration, warmup time.Duration
	contact, wander  float64
	cpuprofile       string
	guideline        *guidelines.Guideline
	scenarios        []*guidelines.Scenario
	profileStarted   bool
}

// server is what a run loads: the earlyid process, or the pages served in this process.
type server struct {
	url      string
	pid      int
	spool    string
	identity *age.X25519Identity
	log      func() string
	stop     func() error
}

// run runs n people against a new server; ok is false when a page failed.
func (c *config) run(ctx context.Context, n int) (ok bool, err error) {
	if c.guideline == nil {
		g, ds := guidelines.Open(guidelines.DefaultID)
		if g == nil {
			return false, fmt.Errorf("the default guideline does not load: %v", ds)
		}
		if c.scenarios, err = loadtest.ScenariosOf(g); err != nil {
			return false, err
		}
		c.guideline = g
	}
	dir, err := os.MkdirTemp("", "earlyid-load-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	srv, err := c.start(dir)
	if err != nil {
		return false, err
	}
	defer func() {
		if serr := srv.stop(); serr != nil && err == nil {
			err = serr
		}
	}()

	opts := loadtest.Options{
		BaseURL: srv.url, People: n, Rate: c.rate, Guideline: c.guideline, Scenarios: c.scenarios,
		Contact: c.contact, Wander: c.wander, Seed: uint64(time.Now().UnixNano()),
	}
	if c.warmup > 0 {
		opts.Duration = c.warmup
		if _, err := loadtest.Run(ctx, opts); err != nil {
			return false, err
		}
	}
	if c.cpuprofile != "" && !c.profileStarted {
		f, err := os.Create(c.cpuprofile)
		if err != nil {
			return false, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return false, err
		}
		c.profileStarted = true
		defer pprof.StopCPUProfile()
	}
	before, err := loadtest.ProcessUsage(srv.pid)
	if err != nil {
		return false, err
	}
	load0 := loadAverage()
	opts.Duration = c.duration
	res, err := loadtest.Run(ctx, opts)
	if err != nil {
		return false, err
	}
	after, err := loadtest.ProcessUsage(srv.pid)
	if err != nil {
		return false, err
	}
	spooled, spoolErr := loadtest.CheckSpool(srv.spool, srv.identity)
	if spoolErr == nil && spooled < res.Contacts {
		// The warm-up's contacts are in the spool too: there may be more, never fewer.
		spoolErr = fmt.Errorf("%d contacts were confirmed with a code, but the spool holds %d sessions", res.Contacts, spooled)
	}

	target := "as fast as it answers"
	if c.rate > 0 {
		target = strconv.FormatFloat(c.rate, 'f', -1, 64) + " pages/s"
	}
	fmt.Printf("%d people, target %s, %s: %d pages (%.1f/s), %d requests, %d checks started, %d finished, %d contacts, %d errors\n",
		n, target, res.Elapsed.Round(time.Millisecond), res.Pages, res.PagesPerSecond(), res.Requests, res.Started, res.Checks, res.Contacts, res.Errors)
	fmt.Printf("  page latency (post + redirected page): %s\n", res.Page)
	fmt.Printf("  request latency:                       %s\n", res.Request)
	cpu := after.CPU - before.CPU
	who := "server"
	if c.inprocess {
		who = "server and people (in process)"
	}
	perPage := 0.0
	if res.Pages > 0 {
		perPage = float64(cpu) / 1e6 / float64(res.Pages)
	}
	fmt.Printf("  %s: CPU %.2f s, %.3f ms a page; peak RSS %.1f MB (at the end %.1f MB); load average %s → %s\n",
		who, cpu.Seconds(), perPage, float64(after.PeakRSS)/1e6, float64(after.RSS)/1e6, load0, loadAverage())
	if spoolErr != nil {
		fmt.Printf("  spool: %v\n", spoolErr)
	} else {
		fmt.Printf("  spool: %d sessions, each opens with the test identity as a finished self-check\n", spooled)
	}
	for _, s := range res.Samples {
		fmt.Printf("  error: %s\n", s)
	}
	if l := strings.TrimSpace(srv.log()); l != "" {
		fmt.Printf("  server log:\n%s\n", l)
	}
	return res.Errors == 0 && spoolErr == nil, nil
}

// start starts the server of one run.
func (c *config) start(dir string) (*server, error) {
	if !c.inprocess {
		p, err := loadtest.Start(c.bin, dir)
		if err != nil {
			return nil, err
		}
		return &server{url: p.URL, pid: p.PID, spool: p.Spool, identity: p.Identity, log: p.Log, stop: p.Stop}, nil
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	keys, err := web.LoadOrCreateKeys(filepath.Join(dir, "serve.key"))
	if err != nil {
		return nil, err
	}
	spool := filepath.Join(dir, "spool")
	s, err := web.New(web.Config{Guideline: c.guideline, Keys: keys, Spool: spool, Recipients: []age.Recipient{id.Recipient()}})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := web.NewHTTPServer(s, nil)
	go hs.Serve(ln)
	return &server{
		url: "http://" + ln.Addr().String(), pid: os.Getpid(), spool: spool, identity: id,
		log: func() string { return "" },
		stop: func() error {
			err := hs.Close()
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		},
	}, nil
}

func writeHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	return errors.Join(pprof.WriteHeapProfile(f), f.Close())
}

// loadAverage is the machine's one-minute load average: how busy the shared cores were.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
