package fuzzer

import (
	"encoding/json"
	"net"
	"strconv"
	"sync"
	"time"
)

// Server is the fuzzing server. A testee client speaks Autobahn's fuzzingserver protocol to it, one
// WebSocket connection per step:
//
//	/getCaseCount                   the server sends the number of cases as a text message
//	/getCaseInfo?case=N             a JSON text message {"id": "1.1.1", "description": "..."}
//	/runCase?case=N&agent=NAME      case N (1-based): the client echoes every message until closed
//	/updateReports?agent=NAME       the server hands the agent's results to OnReport
type Server struct {
	Cases    []*Case
	Progress func(agent string, r CaseResult)         // after each case (may be nil)
	OnReport func(agent string, results []CaseResult) // on /updateReports

	running sync.WaitGroup // cases still being judged (a report waits for them)
	mu      sync.Mutex
	results map[string]map[string]CaseResult
}

// Serve accepts testee connections until ln is closed.
func (s *Server) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go s.handle(conn)
	}
}

func (s *Server) handle(conn net.Conn) {
	u, err := readUpgrade(conn)
	if err != nil {
		conn.Close()
		return
	}
	q := u.req.URL.Query()
	agent := q.Get("agent")
	n, _ := strconv.Atoi(q.Get("case"))
	switch u.req.URL.Path {
	case "/getCaseCount":
		s.reply(u, strconv.Itoa(len(s.Cases)))
	case "/getCaseInfo":
		if n < 1 || n > len(s.Cases) {
			s.reply(u, "null")
			return
		}
		info, _ := json.Marshal(map[string]string{"id": s.Cases[n-1].ID, "description": s.Cases[n-1].Description})
		s.reply(u, string(info))
	case "/runCase":
		if n < 1 || n > len(s.Cases) {
			s.reply(u, "")
			return
		}
		c := s.Cases[n-1]
		s.running.Add(1)
		defer s.running.Done()
		if d, err := u.accept(c.Deflate); err != nil {
			s.record(agent, failedToConnect(c, err))
		} else {
			s.record(agent, execute(c, AsServer, u.conn, u.br, d))
		}
	case "/updateReports":
		s.running.Wait()
		if s.OnReport != nil {
			s.OnReport(agent, s.Results(agent))
		}
		s.reply(u, "")
	default:
		conn.Close()
	}
}

func (s *Server) record(agent string, r CaseResult) {
	s.mu.Lock()
	if s.results == nil {
		s.results = map[string]map[string]CaseResult{}
	}
	if s.results[agent] == nil {
		s.results[agent] = map[string]CaseResult{}
	}
	s.results[agent][r.ID] = r
	s.mu.Unlock()
	if s.Progress != nil {
		s.Progress(agent, r)
	}
}

// Results returns an agent's results in catalogue order.
func (s *Server) Results(agent string) []CaseResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []CaseResult
	for _, c := range s.Cases {
		if r, ok := s.results[agent][c.ID]; ok {
			out = append(out, r)
		}
	}
	return out
}

// reply completes a service connection: an optional text message, then the closing handshake, then
// (as the server) TCP close.
func (s *Server) reply(u *upgrade, text string) {
	defer u.conn.Close()
	if _, err := u.accept(nil); err != nil {
		return
	}
	if text != "" {
		u.conn.Write(encodeFrame(Frame{Opcode: OpText, Payload: []byte(text), Fin: true}, false))
	}
	u.conn.Write(encodeFrame(Frame{Opcode: OpClose, Payload: closePayload(1000, ""), Fin: true}, false))
	u.conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	for {
		f, err := readFrame(u.br)
		if err != nil || f.opcode == OpClose {
			return
		}
	}
}
