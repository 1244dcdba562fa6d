package loadtest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"filippo.io/age"

	"github.com/earlyid/earlyid/interview"
	"github.com/earlyid/earlyid/interview/vault"
)

// Server is an earlyid serve process started for a run: the whole binary, as it is
// deployed, listening on loopback at a port of its choosing.
type Server struct {
	URL string
	PID int
	// Spool is the folder the sessions of people who ask to be contacted are written to,
	// encrypted to Identity's recipient.
	Spool    string
	Identity *age.X25519Identity

	cmd    *exec.Cmd
	done   chan error
	stderr lockedBuffer
}

// startTimeout is how long the server may take to say where it listens: a loaded machine
// is slow to start a process.
const startTimeout = time.Minute

// Start starts bin (an earlyid binary) as earlyid serve on 127.0.0.1, with its data folder,
// key file and spool in dir and a new test recipient, and returns once it listens.
func Start(bin, dir string) (*Server, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("the test recipient could not be made: %w", err)
	}
	s := &Server{Spool: filepath.Join(dir, "spool"), Identity: id, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--key-file", filepath.Join(dir, "serve.key"),
		"--spool", s.Spool, "--recipient", id.Recipient().String())
	s.cmd.Env = append(os.Environ(), "EARLYID_DATA_DIR="+filepath.Join(dir, "data"), "EARLYID_CONFIG_DIR="+filepath.Join(dir, "config"))
	s.cmd.Stderr = &s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("the server's output could not be read: %w", err)
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s could not be started: %w", bin, err)
	}
	s.PID = s.cmd.Process.Pid
	found := make(chan string, 1)
	go func() {
		// The first line names the address; the rest is drained so the server never blocks
		// on a full pipe.
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := urlRE.FindString(sc.Text()); m != "" {
				select {
				case found <- strings.TrimSuffix(m, "/"):
				default:
				}
			}
		}
		io.Copy(io.Discard, out)
		s.done <- s.cmd.Wait()
	}()
	select {
	case s.URL = <-found:
		return s, nil
	case err := <-s.done:
		return nil, fmt.Errorf("the server stopped before it listened (%v): %s", err, strings.TrimSpace(s.stderr.String()))
	case <-time.After(startTimeout):
		s.cmd.Process.Kill()
		<-s.done
		return nil, fmt.Errorf("the server did not say where it listens within %s", startTimeout)
	}
}

var urlRE = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)

// Stop ends the server as a service manager does (SIGTERM), and kills it when it has not
// stopped in time.
func (s *Server) Stop() error {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Errorf("the server did not stop cleanly: %w", err)
		}
		return nil
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("the server did not stop within 30 s of SIGTERM and was killed")
	}
}

// Log is what the server wrote to its standard error: its log.
func (s *Server) Log() string { return s.stderr.String() }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Usage is what a process has used so far.
type Usage struct {
	// CPU is its user and system time.
	CPU time.Duration
	// PeakRSS is the most resident memory it has held (VmHWM), RSS what it holds now, in
	// bytes.
	PeakRSS, RSS int64
}

// clockTicks is the unit of /proc/PID/stat's times: USER_HZ, 100 on every Linux.
const clockTicks = 100

// ProcessUsage reads pid's usage from /proc (Linux).
func ProcessUsage(pid int) (Usage, error) {
	var u Usage
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return u, fmt.Errorf("the process's times could not be read: %w", err)
	}
	// The command's name, in parentheses, may hold spaces: the fields are counted after it.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(f) < 13 {
		return u, errors.New("the process's times are not in the format of /proc/PID/stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return u, fmt.Errorf("the process's times are not numbers: %w", err)
	}
	u.CPU = time.Duration(utime+stime) * time.Second / clockTicks
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return u, fmt.Errorf("the process's memory could not be read: %w", err)
	}
	for line := range strings.Lines(string(status)) {
		k, v, _ := strings.Cut(line, ":")
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch {
		case err != nil:
		case k == "VmHWM":
			u.PeakRSS = kb << 10
		case k == "VmRSS":
			u.RSS = kb << 10
		}
	}
	return u, nil
}

// CheckSpool decrypts every session in the spool folder with id and checks that each is a
// finished self-check with answers, as a specialist's import would read it; it returns
// how many there are.
func CheckSpool(dir string, id age.Identity) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*"+vault.Ext))
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		s, err := vault.ReadFile(f, id)
		if err != nil {
			return 0, fmt.Errorf("the spooled session %s does not open with the test identity: %w", filepath.Base(f), err)
		}
		if s.Status != interview.StatusFinished || s.Mode != interview.ModeSelf || len(s.Answers.Values) == 0 {
			return 0, fmt.Errorf("the spooled session %s is not a finished self-check with answers", filepath.Base(f))
		}
	}
	return len(files), nil
}
