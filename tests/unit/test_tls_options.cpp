// TLS keywords: their spellings, how the compatibility flags fold into SSLMODE, and the
// settings the driver refuses before it ever connects.
#include <catch2/catch.hpp>

#include <string>

#include "core/connect_config.h"
#include "core/odbc_error.h"
#include "core/tls_errors.h"
#include "core/tls_options.h"

using holdfast::ConnectConfig;
using holdfast::OdbcError;
using holdfast::TlsMode;

namespace {

ConnectConfig make(const std::string& text) {
  return holdfast::make_connect_config(holdfast::parse_connection_string(text), {});
}

ConnectConfig make_dsn(const std::string& text, const std::string& key, const std::string& value) {
  return holdfast::make_connect_config(
      holdfast::parse_connection_string(text),
      [&](const std::string&, const std::string& k) -> std::optional<std::string> {
        if (k == key) return value;
        return std::nullopt;
      });
}

std::string error_of(const std::string& text) {
  try {
    make(text);
  } catch (const OdbcError& e) {
    CHECK(e.sqlstate() == "08001");
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("SSLMODE accepts the libpq-style and MySQL Connector/ODBC spellings", "[unit][tls]") {
  using holdfast::parse_tls_mode;
  CHECK(parse_tls_mode("disabled") == TlsMode::disabled);
  CHECK(parse_tls_mode("DISABLED") == TlsMode::disabled);
  CHECK(parse_tls_mode(" Preferred ") == TlsMode::preferred);
  CHECK(parse_tls_mode("REQUIRED") == TlsMode::required);
  CHECK(parse_tls_mode("verify-ca") == TlsMode::verify_ca);
  CHECK(parse_tls_mode("VERIFY_CA") == TlsMode::verify_ca);
  CHECK(parse_tls_mode("verify-full") == TlsMode::verify_full);
  CHECK(parse_tls_mode("VERIFY_IDENTITY") == TlsMode::verify_full);
  CHECK_FALSE(parse_tls_mode("").has_value());
  CHECK_FALSE(parse_tls_mode("require").has_value());
  CHECK_FALSE(parse_tls_mode("verify").has_value());
  CHECK_FALSE(parse_tls_mode("1").has_value());
  for (TlsMode m : {TlsMode::disabled, TlsMode::preferred, TlsMode::required, TlsMode::verify_ca,
                    TlsMode::verify_full}) {
    CHECK(parse_tls_mode(holdfast::tls_mode_name(m)) == m);
  }
}

TEST_CASE("TLSVERSION takes names or MariaDB Connector/ODBC's bitmask", "[unit][tls]") {
  using holdfast::parse_tls_versions;
  CHECK(parse_tls_versions("TLSv1.2") == "TLSv1.2");
  CHECK(parse_tls_versions("tlsv1.3, TLSv1.2") == "TLSv1.2,TLSv1.3");
  CHECK(parse_tls_versions("TLSv1.2;TLSv1.3") == "TLSv1.2,TLSv1.3");
  CHECK(parse_tls_versions("TLSv1.1:TLSv1.3") == "TLSv1.1,TLSv1.3");
  CHECK(parse_tls_versions("2") == "TLSv1.2");
  CHECK(parse_tls_versions("6") == "TLSv1.2,TLSv1.3");
  CHECK(parse_tls_versions("7") == "TLSv1.1,TLSv1.2,TLSv1.3");
  CHECK_FALSE(parse_tls_versions("").has_value());
  CHECK_FALSE(parse_tls_versions("0").has_value());
  CHECK_FALSE(parse_tls_versions("8").has_value());
  CHECK_FALSE(parse_tls_versions("SSLv3").has_value());
  CHECK_FALSE(parse_tls_versions("TLSv1.2,TLSv9").has_value());
  CHECK_FALSE(parse_tls_versions(",").has_value());
}

TEST_CASE("the TLS mode: default, explicit, and the compatibility flags", "[unit][tls]") {
  CHECK(make("DRIVER=x").tls.mode == TlsMode::preferred);
  CHECK(make("DRIVER=x;SSLMODE=disabled").tls.mode == TlsMode::disabled);
  CHECK(make("DRIVER=x;SSL_MODE=REQUIRED").tls.mode == TlsMode::required);
  CHECK(make("DRIVER=x;SSL-MODE=VERIFY_IDENTITY").tls.mode == TlsMode::verify_full);
  // MariaDB Connector/ODBC's flags, when SSLMODE is not given.
  CHECK(make("DRIVER=x;FORCETLS=1").tls.mode == TlsMode::required);
  CHECK(make("DRIVER=x;SSLVERIFY=1").tls.mode == TlsMode::verify_full);
  CHECK(make("DRIVER=x;FORCETLS=1;SSLVERIFY=1").tls.mode == TlsMode::verify_full);
  CHECK(make("DRIVER=x;FORCETLS=0;SSLVERIFY=0").tls.mode == TlsMode::preferred);
  CHECK(make("DRIVER=x;SSL_ENFORCE=1").tls.mode == TlsMode::required);
  // An explicit SSLMODE wins over them, from either source.
  CHECK(make("DRIVER=x;SSLVERIFY=1;SSLMODE=required").tls.mode == TlsMode::required);
  CHECK(make("DRIVER=x;FORCETLS=1;SSLMODE=disabled").tls.mode == TlsMode::disabled);
  CHECK(make_dsn("DSN=d;FORCETLS=1", "SSLMODE", "disabled").tls.mode == TlsMode::disabled);
  CHECK(make_dsn("DSN=d;SSLMODE=verify-full", "SSLMODE", "disabled").tls.mode == TlsMode::verify_full);
}

TEST_CASE("TLS files and settings reach the configuration under every spelling", "[unit][tls]") {
  const ConnectConfig c = make(
      "DRIVER=x;SSLMODE=verify-ca;SSL_CA=/c/ca.pem;SSLCAPATH=/c/dir;SSL-CERT=/c/me.pem;SSLKEY=/c/me.key;"
      "TLSKEYPWD=phrase;SSLCIPHER=ECDHE-ECDSA-AES128-GCM-SHA256;SSL_CRL=/c/crl.pem;SSLCRLPATH=/c/crls;"
      "TLS_VERSIONS=TLSv1.3");
  CHECK(c.tls.mode == TlsMode::verify_ca);
  CHECK(c.tls.ca == "/c/ca.pem");
  CHECK(c.tls.capath == "/c/dir");
  CHECK(c.tls.cert == "/c/me.pem");
  CHECK(c.tls.key == "/c/me.key");
  CHECK(c.tls.key_password == "phrase");
  CHECK(c.tls.cipher == "ECDHE-ECDSA-AES128-GCM-SHA256");
  CHECK(c.tls.crl == "/c/crl.pem");
  CHECK(c.tls.crlpath == "/c/crls");
  CHECK(c.tls.versions == "TLSv1.3");
  CHECK(make("DRIVER=x;TLSVERSION=6").tls.versions == "TLSv1.2,TLSv1.3");
  CHECK(make_dsn("DSN=d", "SSLCA", "/from/dsn.pem").tls.ca == "/from/dsn.pem");
}

TEST_CASE("TLS settings that cannot be honoured are 08001 before connecting", "[unit][tls]") {
  const std::string bad_mode = error_of("DRIVER=x;SSLMODE=verify");
  CHECK_THAT(bad_mode, Catch::Contains("SSLMODE"));
  CHECK_THAT(bad_mode, Catch::Contains("'verify'"));
  CHECK_THAT(bad_mode, Catch::Contains("verify-full"));
  CHECK_THAT(error_of("DRIVER=x;TLSVERSION=TLSv1.9"), Catch::Contains("TLSVERSION"));
  CHECK_THAT(error_of("DRIVER=x;FORCETLS=perhaps"), Catch::Contains("FORCETLS"));
  // verify-ca with no CA would check nothing: refused, with the way out named.
  const std::string no_ca = error_of("DRIVER=x;SSLMODE=verify-ca");
  CHECK_THAT(no_ca, Catch::Contains("SSLCA"));
  CHECK_THAT(no_ca, Catch::Contains("verify-full"));
  CHECK(make("DRIVER=x;SSLMODE=verify-ca;SSLCAPATH=/etc/ssl/certs").tls.mode == TlsMode::verify_ca);
  // Half a client certificate.
  CHECK_THAT(error_of("DRIVER=x;SSLCERT=/c/me.pem"), Catch::Contains("SSLKEY"));
  CHECK_THAT(error_of("DRIVER=x;SSLKEY=/c/me.key"), Catch::Contains("SSLCERT"));
  // Disabled ignores the rest.
  CHECK(make("DRIVER=x;SSLMODE=disabled;SSLCERT=/c/me.pem").tls.mode == TlsMode::disabled);
}

TEST_CASE("the completed connection string carries TLS settings, the key passphrase only when given",
          "[unit][tls]") {
  const ConnectConfig c = make("DRIVER=x;ssl_mode=VERIFY_IDENTITY;sslca=/c/ca.pem;TLSKEYPWD=phrase;tls-versions=4");
  const std::string out = c.out_connection_string();
  CHECK_THAT(out, Catch::Contains("SSLMODE=verify-full"));
  CHECK_THAT(out, Catch::Contains("SSLCA=/c/ca.pem"));
  CHECK_THAT(out, Catch::Contains("TLSVERSION=TLSv1.3"));
  CHECK_THAT(out, Catch::Contains("TLSKEYPWD=phrase"));
  CHECK_THAT(c.redacted(), Catch::Contains("TLSKEYPWD=***"));
  CHECK_THAT(c.redacted(), !Catch::Contains("phrase"));
  const ConnectConfig again = make(out);
  CHECK(again.tls == c.tls);
  // A passphrase read from the DSN stays there, as PWD does.
  const ConnectConfig from_dsn = make_dsn("DSN=d", "TLSKEYPWD", "dsnphrase");
  CHECK(from_dsn.tls.key_password == "dsnphrase");
  CHECK_THAT(from_dsn.out_connection_string(), !Catch::Contains("dsnphrase"));
}

TEST_CASE("TLS failure messages say what failed and under which mode", "[unit][tls]") {
  holdfast::TlsOptions tls;
  tls.mode = TlsMode::verify_full;
  const std::string chain =
      holdfast::tls_failure_message("TLS/SSL error: self-signed certificate in certificate chain", tls, "db1");
  CHECK(chain == "TLS: certificate verify failed: self-signed certificate in certificate chain "
                 "(SSLMODE=verify-full, host db1)");
  const std::string host =
      holdfast::tls_failure_message("TLS/SSL error: Validation of SSL server certificate failed", tls, "127.0.0.2");
  CHECK_THAT(host, Catch::Contains("does not name the host '127.0.0.2'"));
  CHECK_THAT(host, Catch::Contains("(SSLMODE=verify-full"));
  const std::string plain = holdfast::tls_failure_message(
      "TLS/SSL error: SSL is required, but the server does not support it", tls, "db1");
  CHECK(plain == "TLS: SSL is required, but the server does not support it (SSLMODE=verify-full, host db1)");
}

TEST_CASE("a server error before the TLS handshake is the server's own under preferred only", "[unit][tls]") {
  const std::string wrapped =
      "Received error packet before completion of TLS handshake. The authenticity of the following error cannot be "
      "verified: 1130 - Host '127.0.0.2' is not allowed to connect to this MariaDB server";
  holdfast::TlsOptions tls;
  int code = 2002;
  std::string text = wrapped;
  REQUIRE(holdfast::unwrap_pre_tls_error(tls, code, text));
  CHECK(code == 1130);
  CHECK(text == "Host '127.0.0.2' is not allowed to connect to this MariaDB server");
  for (TlsMode m : {TlsMode::required, TlsMode::verify_ca, TlsMode::verify_full}) {
    tls.mode = m;
    code = 2002;
    text = wrapped;
    CHECK_FALSE(holdfast::unwrap_pre_tls_error(tls, code, text));
    CHECK(code == 2002);
    CHECK(text == wrapped);
  }
  tls.mode = TlsMode::preferred;
  text = "Can't connect to server on '127.0.0.1' (111)";
  CHECK_FALSE(holdfast::unwrap_pre_tls_error(tls, code, text));
}
