package cases

// Shared by groups 12 and 13 (permessage-deflate): the message-size table, the five payload corpora
// and the echo loop both groups run.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sgcws/sgcws/tests/conformance/fuzzer"
)

// echoLoad is one row of Autobahn's size table: messages of size units (bytes, or code points for a
// text corpus), count of them, the time the whole case may take, and the frame size the compressed
// payload is cut into (0 = one frame per message).
type echoLoad struct {
	size, count int
	wait        time.Duration
	frag        int
}

// echoLoads is the table behind the last id component of 12.x.y and 13.x.y, in Autobahn's order.
var echoLoads = []echoLoad{
	{16, 1000, 60 * time.Second, 0},
	{64, 1000, 60 * time.Second, 0},
	{256, 1000, 120 * time.Second, 0},
	{1024, 1000, 240 * time.Second, 0},
	{4096, 1000, 480 * time.Second, 0},
	{8192, 1000, 480 * time.Second, 0},
	{16384, 1000, 480 * time.Second, 0},
	{32768, 1000, 480 * time.Second, 0},
	{65536, 1000, 480 * time.Second, 0},
	{131072, 1000, 480 * time.Second, 0},
	{8192, 1000, 480 * time.Second, 256},
	{16384, 1000, 480 * time.Second, 256},
	{32768, 1000, 480 * time.Second, 256},
	{65536, 1000, 480 * time.Second, 256},
	{131072, 1000, 480 * time.Second, 256},
	{131072, 1000, 480 * time.Second, 1024},
	{131072, 1000, 480 * time.Second, 4096},
	{131072, 1000, 480 * time.Second, 32768},
}

// closeGrace is how long a case may run past its wait: the fuzzer closes at wait (as Autobahn's
// closeAfter does) and the closing handshake needs a moment before the runner drops TCP.
const closeGrace = 10 * time.Second

// corpus is one payload source. Autobahn reads five files from its testdata directory (a JSON
// report, the Lena bitmap, Goethe's Faust from Project Gutenberg, an HTML report and a PDF); we do
// not ship those, so each is generated here, deterministically, as an equivalent of the same kind,
// text or binary, and of about the same size (all larger than the biggest message, as there).
type corpus struct {
	desc   string
	binary bool
	load   func() corpusData
}

type corpusData struct {
	data   []byte
	starts []int // text only: byte offset of each code point, then len(data)
}

func newCorpus(desc string, binary bool, gen func(r *rng) []byte) corpus {
	return corpus{desc: desc, binary: binary, load: sync.OnceValue(func() corpusData {
		seed := rng(0x5eed)
		d := corpusData{data: gen(&seed)}
		if !binary {
			for i := range string(d.data) {
				d.starts = append(d.starts, i)
			}
			d.starts = append(d.starts, len(d.data))
		}
		return d
	})}
}

// The corpora in the order of Autobahn's subgroups 12.1 to 12.5 (13.x all use the JSON one).
var (
	jsonCorpus  = newCorpus("Large JSON report (text, generated)", false, genReportJSON)
	bmpCorpus   = newCorpus("Bitmap picture 512x512 8-bit grey (binary, generated)", true, genBitmap)
	faustCorpus = newCorpus("German verse text (binary, generated)", true, genVerse)
	htmlCorpus  = newCorpus("Large HTML report (text, generated)", false, genReportHTML)
	pdfCorpus   = newCorpus("PDF-like document, ~1 MB (binary, generated)", true, genPDF)
)

// cursor hands out consecutive slices of a corpus, wrapping at its end, the way Autobahn walks its
// test file; text is cut at code points so that every message is valid UTF-8.
type cursor struct {
	d   corpusData
	pos int
}

func (c *cursor) units() int {
	if c.d.starts != nil {
		return len(c.d.starts) - 1
	}
	return len(c.d.data)
}

func (c *cursor) offset(unit int) int {
	if c.d.starts != nil {
		return c.d.starts[unit]
	}
	return unit
}

func (c *cursor) next(n int) []byte {
	from, to := c.pos, (c.pos+n)%c.units()
	c.pos = to
	a, b := c.offset(from), c.offset(to)
	if to > from {
		return c.d.data[a:b]
	}
	return append(append([]byte(nil), c.d.data[a:]...), c.d.data[:b]...)
}

// compressedEcho builds one case of groups 12/13: messages from src sent one at a time, the next
// only after the echo of the previous came back unchanged.
func compressedEcho(id, desc string, src corpus, l echoLoad, d *fuzzer.DeflateSettings) *fuzzer.Case {
	kind, unit := "text", "code points"
	if src.binary {
		kind, unit = "binary", "bytes"
	}
	framing := "each in one frame"
	if l.frag > 0 {
		framing = fmt.Sprintf("compressed payload cut into frames of %d bytes", l.frag)
	}
	return &fuzzer.Case{
		ID: id,
		Description: fmt.Sprintf("%s: %d compressed %s messages of %d %s each, one at a time, %s. %s",
			src.desc, l.count, kind, l.size, unit, framing, desc),
		Expectation: fmt.Sprintf("Every message is echoed unchanged, all %d within %v; then a normal close by the fuzzer.",
			l.count, l.wait),
		Timeout:    l.wait + closeGrace,
		Deflate:    d,
		ReportTime: true,
		Run:        func(p *fuzzer.Peer) { runEchoes(p, src, l) },
	}
}

func runEchoes(p *fuzzer.Peer, src corpus, l echoLoad) {
	p.ExpectCloseByMe()
	progress := func(done int) { // kept current so that the result says how far the case got however it ends
		p.SetResult(fuzzer.Failed, fmt.Sprintf("Only %d of %d messages were echoed within %v.", done, l.count, l.wait))
	}
	progress(0)
	echoes := make(chan fuzzer.Event, 1)
	var unsolicited atomic.Bool // a message arrived while none was awaited
	p.OnMessage(func(ev fuzzer.Event) {
		select {
		case echoes <- ev:
		default:
			unsolicited.Store(true)
		}
	})
	deadline := time.NewTimer(l.wait - p.Elapsed())
	defer deadline.Stop()
	next := cursor{d: src.load()}
	for i := 0; i < l.count; i++ {
		msg := next.next(l.size)
		p.SendMessage(msg, src.binary, l.frag)
		select {
		case ev := <-echoes:
			if problem := echoProblem(ev, msg, src.binary, l.size, unsolicited.Load()); problem != "" {
				p.SetResult(fuzzer.Failed, fmt.Sprintf("Message %d: %s", i+1, problem))
				p.SendClose(1000, "")
				return
			}
			progress(i + 1)
		case <-deadline.C:
			p.SendClose(1000, "")
			return
		case <-p.Done():
			return
		}
	}
	p.SetResult(fuzzer.OK, fmt.Sprintf("All %d messages were echoed unchanged in time.", l.count))
	p.SendClose(1000, "")
}

func echoProblem(got fuzzer.Event, sent []byte, binary bool, units int, unsolicited bool) string {
	n := len(got.Payload)
	if !binary {
		n = utf8.RuneCount(got.Payload)
	}
	switch {
	case unsolicited:
		return "the testee sent a message nobody asked it to echo."
	case got.Binary != binary:
		return fmt.Sprintf("echo has binary=%v, sent binary=%v.", got.Binary, binary)
	case n != units:
		return fmt.Sprintf("echo length %d differs from the %d sent.", n, units)
	case !bytes.Equal(got.Payload, sent):
		return "echo content differs from what was sent."
	}
	return ""
}

// rng is splitmix64: a fixed seed gives the same corpora on every run.
type rng uint64

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func pick[T any](r *rng, from []T) T { return from[r.intn(len(from))] }

// agents name the columns of the generated reports; some names are non-ASCII (2-, 3- and 4-byte
// UTF-8) so that the text corpora exercise code-point slicing and the testee's UTF-8 validation.
var agents = []string{"AutobahnPython/0.6.0", "Chrome/29.0.1531.1", "Jürgen’s Client/1.2", "naïve-ws/0.9 (µ)",
	"接続テスト/3.1", "🚀Rocket/2.0"}

func reportName(agent, id string) string {
	slug := strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return unicode.ToLower(c)
		}
		return '_'
	}, agent)
	return slug + "_case_" + strings.ReplaceAll(id, ".", "_")
}

// reportCaseIDs is a plausible list of case ids for the generated reports.
func reportCaseIDs() []string {
	var ids []string
	for g := 1; g <= 13; g++ {
		for s := 1; s <= g%5+2; s++ {
			for n := 1; n <= 3+(g*s)%9; n++ {
				ids = append(ids, fmt.Sprintf("%d.%d.%d", g, s, n))
			}
		}
	}
	return ids
}

// genReportJSON stands in for Autobahn's data1.json: an index of per-agent case results.
func genReportJSON(r *rng) []byte {
	const size = 194 << 10
	results := []string{"OK", "OK", "OK", "OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"}
	codes := []string{"1000", "1000", "1000", "1002", "1007", "null"}
	var b bytes.Buffer
	b.WriteString("{")
	for i := 0; b.Len() < size; i++ {
		agent := agents[i%len(agents)]
		if i >= len(agents) {
			agent += fmt.Sprintf(" #%d", i/len(agents))
		}
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n   %q: {", agent)
		for j, id := range reportCaseIDs() {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "\n      %q: {\n         \"behavior\": %q,\n         \"behaviorClose\": %q,\n"+
				"         \"duration\": %d,\n         \"remoteCloseCode\": %s,\n         \"reportfile\": \"%s.json\"\n      }",
				id, pick(r, results), pick(r, results[:5]), r.intn(3000), pick(r, codes), reportName(agent, id))
		}
		b.WriteString("\n   }")
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}

// genReportHTML stands in for Autobahn's data1.html: a summary table of per-agent results.
func genReportHTML(r *rng) []byte {
	const size = 380 << 10
	cells := []string{"case_ok\">Pass", "case_ok\">Pass", "case_ok\">Pass", "case_non_strict\">Non-Strict",
		"case_info\">Info", "case_failed\">Fail"}
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html>\n   <head>\n      <meta charset=\"utf-8\" />\n      <style lang=\"css\">\n" +
		"td.case_ok { background-color: #0a0; text-align: center; }\ntd.case_failed { background-color: #900; }\n" +
		"</style>\n   </head>\n   <body>\n      <table id=\"agent_case_results\">\n")
	for b.Len() < size {
		for _, id := range reportCaseIDs() {
			fmt.Fprintf(&b, "         <tr class=\"agent_case_result_row\">\n            <td class=\"case\"><a href=\"#case_desc_%s\">Case %s</a></td>\n",
				strings.ReplaceAll(id, ".", "_"), id)
			for _, agent := range agents[:3] {
				fmt.Fprintf(&b, "            <td class=\"%s → <a href=\"%s.html\">details</a></td><td class=\"close\"><span class=\"close_code\">%d</span></td>\n",
					pick(r, cells), reportName(agent, id), 1000+2*r.intn(4))
			}
			b.WriteString("         </tr>\n")
		}
	}
	b.WriteString("      </table>\n   </body>\n</html>\n")
	return b.Bytes()
}

// genVerse stands in for Project Gutenberg's Faust I: German verse with speaker lines, UTF-8.
func genVerse(r *rng) []byte {
	const size = 222218
	words := strings.Fields("habe nun ach Philosophie Juristerei und Medizin leider auch Theologie durchaus " +
		"studiert mit heißem Bemühn da steh ich armer Tor bin so klug als wie zuvor heiße Magister Doktor gar " +
		"zieh schon an die zehen Jahr herauf herab quer krumm meine Schüler an der Nase herum sehe daß wir nichts " +
		"wissen können das will mir schier Herz verbrennen Welt Geist Natur Himmel Erde über für schön Größe Mädchen " +
		"Gretchen Wagner Teufel Pudel Kern Augenblick verweile doch du bist")
	speakers := []string{"FAUST.", "MEPHISTOPHELES.", "WAGNER.", "MARGARETE.", "MARTHE.", "CHOR DER ENGEL."}
	var b bytes.Buffer
	for b.Len() < size {
		fmt.Fprintf(&b, "\n%s\n", pick(r, speakers))
		for range 2 + r.intn(9) {
			line := make([]string, 4+r.intn(5))
			for i := range line {
				line[i] = pick(r, words)
			}
			s := strings.Join(line, " ")
			first, n := utf8.DecodeRuneInString(s)
			fmt.Fprintf(&b, "%c%s%s\n", unicode.ToUpper(first), s[n:], pick(r, []string{",", ";", ".", "!", "?", ""}))
		}
	}
	return b.Bytes()[:size]
}

// genBitmap stands in for the 512x512 grey Lena bitmap: a BMP of the same layout (14+40 byte headers,
// a 256-entry grey palette, 512 rows of 512 bytes) holding a smooth, photo-like image with noise.
func genBitmap(r *rng) []byte {
	const w, h, pixelsAt = 512, 512, 14 + 40 + 256*4
	b := []byte("BM")
	b = binary.LittleEndian.AppendUint32(b, pixelsAt+w*h)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, pixelsAt)
	for _, v := range []uint32{40, w, h} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.LittleEndian.AppendUint16(b, 1) // planes
	b = binary.LittleEndian.AppendUint16(b, 8) // bits per pixel
	for _, v := range []uint32{0, w * h, 2835, 2835, 256, 256} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for i := range 256 {
		b = append(b, byte(i), byte(i), byte(i), 0)
	}
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/w, float64(y)/h
			v := 128 + 60*math.Sin(6*fx+2*fy) + 40*math.Cos(11*fy-3*fx*fy) + 20*math.Sin(25*math.Hypot(fx-0.5, fy-0.4))
			b = append(b, byte(min(255, max(0, int(v)+r.intn(9)-4))))
		}
	}
	return b
}

// genPDF stands in for the PDF: text object dictionaries around pseudo-random stream bodies (a real
// PDF's streams are already Flate-compressed, so they hardly compress again).
func genPDF(r *rng) []byte {
	const size = 1042328
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	for obj := 1; b.Len() < size; obj += 2 {
		n := 8 * (64 + r.intn(2<<10))
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>\nendobj\n", obj)
		fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", obj+1, n)
		for range n / 8 {
			b.Write(binary.LittleEndian.AppendUint64(nil, r.next()))
		}
		b.WriteString("\nendstream\nendobj\n")
	}
	b.WriteString("trailer\n<< /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}
