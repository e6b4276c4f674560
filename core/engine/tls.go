package engine

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"strings"
)

// tlsOptions is a snapshot of TLSOptions.* (client) or SSLOptions.* (servers).
type tlsOptions struct {
	rootCertFile string
	certFile     string
	keyFile      string
	password     string
	verify       bool
	version      int // tlsUndefined, tls1_0 .. tls1_3 (enum ordinal)
	minVersion   int // same enum; client OpenSSL_Options.MinVersion
	alpn         []string
}

// tlsVersions maps the manual's enum ordinals to crypto/tls versions (0 = negotiate).
var tlsVersions = []uint16{0, tls.VersionTLS10, tls.VersionTLS11, tls.VersionTLS12, tls.VersionTLS13}

var tlsVersionNames = []string{"tlsUndefined", "tls1_0", "tls1_1", "tls1_2", "tls1_3"}

func (o *tlsOptions) apply(cfg *tls.Config) {
	if o.minVersion > 0 && o.minVersion < len(tlsVersions) {
		cfg.MinVersion = tlsVersions[o.minVersion]
	}
	if o.version > 0 && o.version < len(tlsVersions) {
		// The manual's Version pins the protocol version.
		cfg.MinVersion = tlsVersions[o.version]
		cfg.MaxVersion = tlsVersions[o.version]
	}
	for _, p := range o.alpn {
		if p = strings.TrimSpace(p); p != "" {
			cfg.NextProtos = append(cfg.NextProtos, p)
		}
	}
}

// clientConfig builds the client's TLS configuration. VerifyCertificate is False by default, as in
// the manual: then the server certificate is accepted unchecked.
func (o *tlsOptions) clientConfig(host string) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: host, InsecureSkipVerify: !o.verify}
	if o.rootCertFile != "" {
		pool, err := loadPool(o.rootCertFile)
		if err != nil {
			return nil, err
		}
		cfg.RootCAs = pool
	}
	if o.certFile != "" {
		cert, err := loadKeyPair(o.certFile, o.keyFile, o.password)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	o.apply(cfg)
	return cfg, nil
}

// serverConfig builds a server's TLS configuration; VerifyCertificate requires client certificates
// signed by RootCertFile.
func (o *tlsOptions) serverConfig() (*tls.Config, error) {
	if o.certFile == "" {
		return nil, Errorf(ETLS, "SSLOptions.CertFile is empty")
	}
	cert, err := loadKeyPair(o.certFile, o.keyFile, o.password)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	if o.verify {
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
		if o.rootCertFile != "" {
			pool, err := loadPool(o.rootCertFile)
			if err != nil {
				return nil, err
			}
			cfg.ClientCAs = pool
		}
	}
	o.apply(cfg)
	// HTTP/1.1 only: WebSocket upgrades need it.
	if len(cfg.NextProtos) == 0 {
		cfg.NextProtos = []string{"http/1.1"}
	}
	return cfg, nil
}

func loadPool(file string) (*x509.CertPool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, Errorf(ETLS, "root certificate: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, Errorf(ETLS, "root certificate %s: no PEM certificate found", file)
	}
	return pool, nil
}

// loadKeyPair reads a PEM certificate chain and key (keyFile empty: the key is in certFile). A key
// in legacy encrypted PEM ("Proc-Type: 4,ENCRYPTED") is decrypted with password.
func loadKeyPair(certFile, keyFile, password string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, Errorf(ETLS, "certificate: %v", err)
	}
	keyPEM := certPEM
	if keyFile != "" {
		if keyPEM, err = os.ReadFile(keyFile); err != nil {
			return tls.Certificate{}, Errorf(ETLS, "key: %v", err)
		}
	}
	keyPEM, err = decryptKey(keyPEM, password)
	if err != nil {
		return tls.Certificate{}, err
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, Errorf(ETLS, "certificate %s: %v", certFile, err)
	}
	return cert, nil
}

func decryptKey(data []byte, password string) ([]byte, error) {
	var out []byte
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if !strings.Contains(b.Type, "PRIVATE KEY") {
			continue
		}
		//lint:ignore SA1019 legacy encrypted PEM is what OpenSSL-era Delphi setups ship.
		if x509.IsEncryptedPEMBlock(b) { //nolint:staticcheck
			der, err := x509.DecryptPEMBlock(b, []byte(password)) //nolint:staticcheck
			if err != nil {
				return nil, Errorf(ETLS, "key: %v", err)
			}
			b = &pem.Block{Type: b.Type, Bytes: der}
		} else if b.Type == "ENCRYPTED PRIVATE KEY" {
			return nil, Errorf(ETLS, "key: encrypted PKCS#8 keys are not supported; use legacy PEM encryption or an unencrypted key")
		}
		out = append(out, pem.EncodeToMemory(b)...)
	}
	if out == nil {
		return nil, Errorf(ETLS, "key: no PEM private key found")
	}
	return out, nil
}
