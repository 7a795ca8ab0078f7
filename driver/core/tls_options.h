// TLS for every link the driver opens to the server: the main connection, each transparent
// reconnect and the side connections (KILL QUERY, loss probes) all go through
// apply_tls_options() and check_tls_session(), so none of them can use weaker settings than
// the application asked for.
//
// What libmariadb 3.3 does, measured against a real server (tests/integration/test_tls.cpp):
// - MYSQL_OPT_SSL_ENFORCE only asks for TLS: against a server that does not offer it the
//   library goes on in clear text. It refuses such a server before authenticating only when
//   MYSQL_OPT_SSL_VERIFY_SERVER_CERT is set.
// - With MYSQL_OPT_SSL_CA or MYSQL_OPT_SSL_CAPATH set, the TLS handshake checks the server's
//   chain against that CA (a self-signed or foreign certificate fails), and nothing else.
// - MYSQL_OPT_SSL_VERIFY_SERVER_CERT adds the host name check (subjectAltName DNS or IP
//   entry against the host connected to) and checks the chain against the CA given, or the
//   system's trust store when none is given.
// Hence the modes below; see README.md, "TLS".
#pragma once

#include <mysql.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/secret_string.h"

namespace holdfast {

enum class TlsMode : unsigned char {
  disabled,     // never TLS, even when the server offers it
  preferred,    // TLS when the server offers it (no certificate check unless SSLCA is given)
  required,     // TLS or no session; the certificate is not checked unless SSLCA is given
  verify_ca,    // TLS, and the server's chain must lead to SSLCA/SSLCAPATH (no host check)
  verify_full,  // TLS, chain and host name checked (refused before authentication)
};

struct TlsOptions {
  TlsMode mode = TlsMode::preferred;  // effective mode, after resolve_tls_mode()
  std::string ca;            // SSLCA: file of trusted CA certificates (PEM)
  std::string capath;        // SSLCAPATH: directory of trusted CA certificates
  std::string cert;          // SSLCERT: client certificate (PEM)
  std::string key;           // SSLKEY: its private key (PEM)
  SecretString key_password;  // TLSKEYPWD: passphrase of an encrypted SSLKEY (secret)
  std::string cipher;        // SSLCIPHER: OpenSSL cipher list
  std::string crl;           // SSLCRL: certificate revocation list file
  std::string crlpath;       // SSLCRLPATH: directory of revocation lists
  std::string versions;      // TLSVERSION, canonical ("TLSv1.2,TLSv1.3"); empty = library default
  // What the compatibility flags asked for; resolve_tls_mode() folds them into `mode`
  // when SSLMODE itself was not given.
  bool force = false;   // FORCETLS (MariaDB Connector/ODBC), SSL_ENFORCE
  bool verify = false;  // SSLVERIFY (MariaDB and MySQL Connector/ODBC)

  bool operator==(const TlsOptions&) const = default;
  // Whether the session must be encrypted (required and stronger).
  bool tls_required() const noexcept { return mode >= TlsMode::required; }
};

// SSLMODE's spellings: disabled, preferred, required, verify-ca, verify-full, and MySQL
// Connector/ODBC's DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY (any case;
// '-' and '_' alike). nullopt for anything else.
std::optional<TlsMode> parse_tls_mode(std::string_view text);
std::string_view tls_mode_name(TlsMode mode);  // "verify-full", ...
// The message part naming what SSLMODE accepts, for an invalid value.
std::string_view tls_mode_expected();

// TLSVERSION: protocol names separated by ',', ';', ':' or blanks (TLSv1.1, TLSv1.2,
// TLSv1.3; any case), or MariaDB Connector/ODBC's bitmask (1 TLSv1.1, 2 TLSv1.2, 4 TLSv1.3).
// Returns the canonical comma-separated list libmariadb takes, or nullopt (unknown name,
// empty list, bad bitmask).
std::optional<std::string> parse_tls_versions(std::string_view text);

// Settles `tls.mode`: an explicit SSLMODE wins; otherwise SSLVERIFY=1 means verify-full and
// FORCETLS=1 required, and the default is preferred. Throws OdbcError 08001 for settings
// that cannot be honoured: verify-ca with neither SSLCA nor SSLCAPATH (there would be no CA
// to check against), SSLKEY without SSLCERT or the reverse.
void resolve_tls_mode(TlsOptions& tls, bool mode_given);

// Sets the TLS options on a handle fresh from mysql_init(), before mysql_real_connect().
// `disabled` sets nothing (and leaves out the certificates: a CA file alone would make
// libmariadb use TLS).
void apply_tls_options(MYSQL* m, const TlsOptions& tls);

// After mysql_real_connect() succeeded: empty when the session meets the mode, otherwise the
// 08001 message ("TLS: the server at ... does not offer TLS (SSLMODE=required)"); the caller
// closes the session. `endpoint` is "host:port" for the message.
std::string check_tls_session(MYSQL* m, const TlsOptions& tls, std::string_view endpoint);

// The driver's message for a TLS failure reported by libmariadb (CR_SSL_CONNECTION_ERROR):
// "TLS: certificate verify failed: <reason> (SSLMODE=verify-full, host 127.0.0.1)".
std::string tls_failure_message(std::string_view library_text, const TlsOptions& tls, std::string_view host);

// The cipher and protocol of an encrypted session ("TLSv1.3 TLS_AES_256_GCM_SHA384"), or ""
// for a clear-text one.
std::string tls_session_description(MYSQL* m);

}  // namespace holdfast
