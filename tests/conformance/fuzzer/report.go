package fuzzer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Report is one run: which side was tested, by which agent, and every case's result.
type Report struct {
	Mode    string       `json:"mode"` // "fuzzingclient" (testee = server) or "fuzzingserver" (testee = client)
	Agent   string       `json:"agent"`
	Started time.Time    `json:"started"`
	Cases   []CaseResult `json:"cases"`
}

// GroupNames are the catalogue's top-level groups.
var GroupNames = map[string]string{
	"1": "Framing", "2": "Pings/Pongs", "3": "Reserved Bits", "4": "Opcodes", "5": "Fragmentation",
	"6": "UTF-8 Handling", "7": "Close Handling", "9": "Limits/Performance", "10": "Auto-Fragmentation",
	"12": "Compression: payloads", "13": "Compression: parameters",
}

func group(id string) string { g, _, _ := strings.Cut(id, "."); return g }

// Counts tallies results per class.
func Counts(cases []CaseResult) map[Result]int {
	m := map[Result]int{}
	for _, c := range cases {
		m[c.Result]++
	}
	return m
}

// Passed is the CI gate: no FAILED and no UNIMPLEMENTED.
func (r Report) Passed() bool {
	m := Counts(r.Cases)
	return len(r.Cases) > 0 && m[Failed] == 0 && m[Unimplemented] == 0
}

// Summary renders the per-group table and lists every case that is not OK.
func (r Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, agent %s, %d cases\n\n", r.Mode, r.Agent, len(r.Cases))
	b.WriteString("| Group | |")
	for _, c := range Classes {
		fmt.Fprintf(&b, " %s |", c)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---:|", len(Classes)) + "\n")
	var order []string
	byGroup := map[string][]CaseResult{}
	for _, c := range r.Cases {
		g := group(c.ID)
		if byGroup[g] == nil {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], c)
	}
	row := func(name, title string, cases []CaseResult) {
		m := Counts(cases)
		fmt.Fprintf(&b, "| %s | %s |", name, title)
		for _, c := range Classes {
			fmt.Fprintf(&b, " %d |", m[c])
		}
		b.WriteString("\n")
	}
	for _, g := range order {
		row(g, GroupNames[g], byGroup[g])
	}
	row("all", "", r.Cases)
	for _, c := range r.Cases {
		if c.Result != OK {
			fmt.Fprintf(&b, "\n- %s %s: %s; close %s: %s", c.ID, c.Result, c.ResultText, c.BehaviorClose, c.CloseText)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// Write stores report.json (everything), index.json (Autobahn's shape) and summary.md in dir.
func (r Report) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	full, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	index := map[string]map[string]any{r.Agent: {}}
	for _, c := range r.Cases {
		index[r.Agent][c.ID] = map[string]any{"behavior": c.Behavior, "behaviorClose": c.BehaviorClose,
			"duration": c.DurationMS, "result": c.Result, "remoteCloseCode": c.RemoteCode}
	}
	idx, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{"report.json": full, "index.json": idx, "summary.md": []byte(r.Summary())} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Select picks cases by id patterns: "1.1.1" is one case, "1.*" or "1" a group or subgroup; an empty
// include list means all. Catalogue order is kept.
func Select(all []*Case, include, exclude []string) []*Case {
	match := func(id string, pats []string) bool {
		for _, p := range pats {
			p = strings.TrimSuffix(strings.TrimSpace(p), ".*")
			if p == "*" || id == p || strings.HasPrefix(id, p+".") {
				return true
			}
		}
		return false
	}
	var out []*Case
	for _, c := range all {
		if (len(include) == 0 || match(c.ID, include)) && !match(c.ID, exclude) {
			out = append(out, c)
		}
	}
	return out
}
