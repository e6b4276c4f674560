package engine

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// tlsServer starts a wss server presenting cert; setup may add SSLOptions.
func tlsServer(t *testing.T, cert *testCert, setup func(h uint64)) string {
	t.Helper()
	srv, addr := newServerOn(t, KindServer, func(h uint64) {
		must(t, SetBool(h, "SSL", true))
		must(t, SetString(h, "SSLOptions.CertFile", cert.certFile))
		must(t, SetString(h, "SSLOptions.KeyFile", cert.keyFile))
		if setup != nil {
			setup(h)
		}
	})
	newCollector(t, srv, "neNoSync", echo)
	return addr
}

// tlsClient creates a wss client of addr with the given TLSOptions.* values (string, bool).
func tlsClient(t *testing.T, addr string, opts map[string]any) uint64 {
	t.Helper()
	h := newClientTo(t, "wss://"+addr)
	for k, v := range opts {
		switch v := v.(type) {
		case string:
			must(t, SetString(h, "TLSOptions."+k, v))
		case bool:
			must(t, SetBool(h, "TLSOptions."+k, v))
		}
	}
	return h
}

// wantRefused checks a connection attempt failed at the TLS or connection level.
func wantRefused(t *testing.T, err error) {
	t.Helper()
	if c := CodeOf(err); err == nil || (c != ETLS && c != EConnect) {
		t.Fatalf("connection not refused: %v (code %d)", err, c)
	}
}

func TestTLSClientCertificates(t *testing.T) {
	ca, otherCA := makeCert(t, nil), makeCert(t, nil)
	addr := tlsServer(t, makeCert(t, ca), func(h uint64) {
		must(t, SetBool(h, "SSLOptions.VerifyCertificate", true))
		must(t, SetString(h, "SSLOptions.RootCertFile", ca.certFile))
	})
	good := makeCert(t, ca)
	ok := tlsClient(t, addr, map[string]any{"CertFile": good.certFile, "KeyFile": good.keyFile})
	must(t, Connect(ok, 5*time.Second, false))
	if c, _ := GetBool(ok, "Active"); !c {
		t.Fatal("client with a certificate of the root is not active")
	}
	wantRefused(t, Connect(tlsClient(t, addr, nil), 5*time.Second, false))
	foreign := makeCert(t, otherCA)
	wantRefused(t, Connect(tlsClient(t, addr, map[string]any{"CertFile": foreign.certFile, "KeyFile": foreign.keyFile}), 5*time.Second, false))
	// A self-signed client certificate is not one of the root either.
	wantRefused(t, Connect(tlsClient(t, addr, map[string]any{"CertFile": otherCA.certFile, "KeyFile": otherCA.keyFile}), 5*time.Second, false))
}

func TestTLSVersions(t *testing.T) {
	cert := makeCert(t, nil)
	addr12 := tlsServer(t, cert, func(h uint64) { must(t, SetString(h, "SSLOptions.Version", "tls1_2")) })
	err := Connect(tlsClient(t, addr12, map[string]any{"Version": "tls1_3"}), 5*time.Second, false)
	wantCode(t, err, ETLS)
	must(t, Connect(tlsClient(t, addr12, map[string]any{"Version": "tls1_2"}), 5*time.Second, false))
	wantCode(t, Connect(tlsClient(t, addr12, map[string]any{"OpenSSL_Options.MinVersion": "tls1_3"}), 5*time.Second, false), ETLS)
	must(t, Connect(tlsClient(t, addr12, map[string]any{"OpenSSL_Options.MinVersion": "tls1_2"}), 5*time.Second, false))
	// The default negotiates the highest version both sides have.
	must(t, Connect(tlsClient(t, tlsServer(t, cert, nil), nil), 5*time.Second, false))

	// What the client offers, seen by a plain crypto/tls server.
	for _, tc := range []struct {
		opts map[string]any
		want []uint16
	}{
		{map[string]any{"Version": "tls1_2"}, []uint16{tls.VersionTLS12}},
		{map[string]any{"Version": "tls1_3"}, []uint16{tls.VersionTLS13}},
		{map[string]any{"OpenSSL_Options.MinVersion": "tls1_3"}, []uint16{tls.VersionTLS13}},
		{map[string]any{"OpenSSL_Options.MinVersion": "tls1_2"}, []uint16{tls.VersionTLS13, tls.VersionTLS12}},
	} {
		hello := offered(t, cert, tc.opts)
		if !slices.Equal(hello.SupportedVersions, tc.want) {
			t.Fatalf("%v: client offered versions %x, want %x", tc.opts, hello.SupportedVersions, tc.want)
		}
	}
}

// offered connects a client with opts to a plain crypto/tls listener and returns the ClientHello it
// received. The listener closes after the handshake, so the WebSocket connection itself fails.
func offered(t *testing.T, cert *testCert, opts map[string]any) *tls.ClientHelloInfo {
	t.Helper()
	kp, err := tls.LoadX509KeyPair(cert.certFile, cert.keyFile)
	must(t, err)
	hellos := make(chan *tls.ClientHelloInfo, 1)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{kp},
		GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
			select {
			case hellos <- h:
			default:
			}
			return nil, nil
		},
	})
	must(t, err)
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		_ = c.SetDeadline(time.Now().Add(waitLimit))
		_ = c.(*tls.Conn).Handshake()
		c.Close()
	}()
	_ = Connect(tlsClient(t, ln.Addr().String(), opts), 5*time.Second, false)
	select {
	case h := <-hellos:
		return h
	case <-time.After(waitLimit):
		t.Fatal("no ClientHello received")
		return nil
	}
}

func TestTLSALPN(t *testing.T) {
	cert := makeCert(t, nil)
	hello := offered(t, cert, map[string]any{"ALPNProtocols": "chat\n http/1.1 \n\n"})
	if !slices.Equal(hello.SupportedProtos, []string{"chat", "http/1.1"}) {
		t.Fatalf("ALPN offered %q", hello.SupportedProtos)
	}
	if hello = offered(t, cert, nil); len(hello.SupportedProtos) != 0 {
		t.Fatalf("ALPN offered without ALPNProtocols: %q", hello.SupportedProtos)
	}
	// The engine's server speaks http/1.1, which it selects.
	must(t, Connect(tlsClient(t, tlsServer(t, cert, nil), map[string]any{"ALPNProtocols": "h2\nhttp/1.1"}), 5*time.Second, false))
}

// encryptKey rewrites c's key file as legacy encrypted PEM and returns the new file name.
func encryptKey(t *testing.T, c *testCert, password string) string {
	t.Helper()
	kder, err := x509.MarshalECPrivateKey(c.key)
	must(t, err)
	//lint:ignore SA1019 legacy encrypted PEM is the format under test.
	b, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", kder, []byte(password), x509.PEMCipherAES256) //nolint:staticcheck
	must(t, err)
	name := filepath.Join(t.TempDir(), "enc.pem")
	must(t, os.WriteFile(name, pem.EncodeToMemory(b), 0o600))
	return name
}

func TestTLSEncryptedKeys(t *testing.T) {
	ca := makeCert(t, nil)
	srvCert := makeCert(t, ca)
	addr := tlsServer(t, srvCert, func(h uint64) {
		// The server's own key encrypted too.
		must(t, SetString(h, "SSLOptions.KeyFile", encryptKey(t, srvCert, "srv-pw")))
		must(t, SetString(h, "SSLOptions.Password", "srv-pw"))
		must(t, SetBool(h, "SSLOptions.VerifyCertificate", true))
		must(t, SetString(h, "SSLOptions.RootCertFile", ca.certFile))
	})
	cli := makeCert(t, ca)
	enc := encryptKey(t, cli, "s3cret")
	must(t, Connect(tlsClient(t, addr, map[string]any{"CertFile": cli.certFile, "KeyFile": enc, "Password": "s3cret"}), 5*time.Second, false))

	err := Connect(tlsClient(t, addr, map[string]any{"CertFile": cli.certFile, "KeyFile": enc, "Password": "wrong"}), 5*time.Second, false)
	wantCode(t, err, ETLS)
	if !strings.Contains(err.Error(), "password") {
		t.Fatalf("wrong password message %q", err)
	}
	err = Connect(tlsClient(t, addr, map[string]any{"CertFile": cli.certFile, "KeyFile": enc}), 5*time.Second, false)
	wantCode(t, err, ETLS)

	// Encrypted PKCS#8 is refused by its PEM type (the body is never parsed, so any bytes do).
	p8 := filepath.Join(t.TempDir(), "p8.pem")
	must(t, os.WriteFile(p8, pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0}}), 0o600))
	err = Connect(tlsClient(t, addr, map[string]any{"CertFile": cli.certFile, "KeyFile": p8, "Password": "s3cret"}), 5*time.Second, false)
	wantCode(t, err, ETLS)
	if !strings.Contains(err.Error(), "PKCS#8") {
		t.Fatalf("PKCS#8 message %q", err)
	}
	// A server with a wrong key password does not start.
	h, err := Create(KindServer)
	must(t, err)
	defer Destroy(h, false)
	must(t, SetString(h, "Bindings", "127.0.0.1:0"))
	must(t, SetBool(h, "SSL", true))
	must(t, SetString(h, "SSLOptions.CertFile", cli.certFile))
	must(t, SetString(h, "SSLOptions.KeyFile", enc))
	must(t, SetString(h, "SSLOptions.Password", "nope"))
	wantCode(t, Start(h), ETLS)
}
