package engine

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sgcws/sgcws/core/events"
)

// testCert is a certificate for 127.0.0.1 and its key, in memory and as PEM files.
type testCert struct {
	cert              *x509.Certificate
	key               *ecdsa.PrivateKey
	certFile, keyFile string
}

// makeCert writes a certificate for 127.0.0.1 usable by servers and clients, signed by parent, or a
// self-signed CA when parent is nil.
func makeCert(t *testing.T, parent *testCert) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	must(t, err)
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "sgcws test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
		IsCA:                  parent == nil,
	}
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	must(t, err)
	cert, err := x509.ParseCertificate(der)
	must(t, err)
	kder, err := x509.MarshalECPrivateKey(key)
	must(t, err)
	dir := t.TempDir()
	c := &testCert{cert: cert, key: key, certFile: filepath.Join(dir, "cert.pem"), keyFile: filepath.Join(dir, "key.pem")}
	must(t, os.WriteFile(c.certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	must(t, os.WriteFile(c.keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600))
	return c
}

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key; returns the file names.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	c := makeCert(t, nil)
	return c.certFile, c.keyFile
}

func TestTLS(t *testing.T) {
	certFile, keyFile := selfSigned(t)
	otherCert, _ := selfSigned(t)
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetBool(h, "SSL", true))
		must(t, SetString(h, "SSLOptions.CertFile", certFile))
		must(t, SetString(h, "SSLOptions.KeyFile", keyFile))
	})
	newCollector(t, srv, "neNoSync", echo)

	// Default: VerifyCertificate False accepts the self-signed certificate.
	cli := newClientTo(t, "wss://"+addr)
	cc := newCollector(t, cli, "neNoSync", nil)
	must(t, Connect(cli, 5*time.Second, false))
	must(t, Write(cli, TypeText, []byte("secure"), 0))
	if ev := cc.next(events.EvMessage); string(ev.Data) != "secure" {
		t.Fatal("no echo over TLS")
	}
	// Verified against the right root.
	ok := newClientTo(t, "wss://"+addr)
	must(t, SetBool(ok, "TLSOptions.VerifyCertificate", true))
	must(t, SetString(ok, "TLSOptions.RootCertFile", certFile))
	must(t, Connect(ok, 5*time.Second, false))
	// Verified against another root: refused.
	bad := newClientTo(t, "wss://"+addr)
	must(t, SetBool(bad, "TLSOptions.VerifyCertificate", true))
	must(t, SetString(bad, "TLSOptions.RootCertFile", otherCert))
	wantCode(t, Connect(bad, 5*time.Second, false), ETLS)
	// Plain ws:// against a TLS port fails cleanly.
	wantCode(t, Connect(newClientTo(t, "ws://"+addr), 2*time.Second, false), EConnect)

	// A server with a missing certificate does not start.
	h, err := Create(KindServer)
	must(t, err)
	defer Destroy(h, false)
	must(t, SetString(h, "Bindings", "127.0.0.1:0"))
	must(t, SetBool(h, "SSL", true))
	must(t, SetString(h, "SSLOptions.CertFile", filepath.Join(t.TempDir(), "none.pem")))
	wantCode(t, Start(h), ETLS)
}
