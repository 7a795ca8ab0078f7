#include "core/tls_options.h"

#include <charconv>

#include "core/keywords.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Equal ignoring ASCII case, with '-' and '_' alike ("VERIFY_CA" is "verify-ca").
bool same_mode_word(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = lower(a[i]), y = lower(b[i]);
    if (x == '_') x = '-';
    if (y == '_') y = '-';
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

constexpr std::string_view kVersionNames[] = {"TLSv1.1", "TLSv1.2", "TLSv1.3"};

void set_string(MYSQL* m, mysql_option option, const std::string& value) {
  if (!value.empty()) mysql_optionsv(m, option, value.c_str());
}

std::string with_mode(std::string text, const TlsOptions& tls) {
  text += " (SSLMODE=";
  text += tls_mode_name(tls.mode);
  return text;
}

}  // namespace

std::optional<TlsMode> parse_tls_mode(std::string_view text) {
  text = trim(text);
  struct Spelling {
    std::string_view word;
    TlsMode mode;
  };
  static constexpr Spelling kSpellings[] = {
      {"disabled", TlsMode::disabled},       {"preferred", TlsMode::preferred},
      {"required", TlsMode::required},       {"verify-ca", TlsMode::verify_ca},
      {"verify-full", TlsMode::verify_full}, {"verify-identity", TlsMode::verify_full},
  };
  for (const Spelling& s : kSpellings) {
    if (same_mode_word(text, s.word)) return s.mode;
  }
  return std::nullopt;
}

std::string_view tls_mode_name(TlsMode mode) {
  switch (mode) {
    case TlsMode::disabled: return "disabled";
    case TlsMode::preferred: return "preferred";
    case TlsMode::required: return "required";
    case TlsMode::verify_ca: return "verify-ca";
    case TlsMode::verify_full: return "verify-full";
  }
  return "preferred";
}

std::string_view tls_mode_expected() {
  return "expected disabled, preferred, required, verify-ca or verify-full (or MySQL's DISABLED, PREFERRED, "
         "REQUIRED, VERIFY_CA, VERIFY_IDENTITY)";
}

std::optional<std::string> parse_tls_versions(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  unsigned bits = 0;
  if (text.front() >= '0' && text.front() <= '9') {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, bits, 10);
    if (ec != std::errc() || ptr != end || bits == 0 || bits > 7) return std::nullopt;
  } else {
    std::size_t from = 0;
    while (from <= text.size()) {
      std::size_t stop = text.find_first_of(",;: \t", from);
      if (stop == std::string_view::npos) stop = text.size();
      const std::string_view word = text.substr(from, stop - from);
      if (!word.empty()) {
        bool known = false;
        for (unsigned i = 0; i < std::size(kVersionNames); ++i) {
          if (keyword_name_equals(word, kVersionNames[i])) {
            bits |= 1u << i;
            known = true;
          }
        }
        if (!known) return std::nullopt;
      }
      from = stop + 1;
    }
    if (bits == 0) return std::nullopt;
  }
  std::string canonical;
  for (unsigned i = 0; i < std::size(kVersionNames); ++i) {
    if ((bits & (1u << i)) == 0) continue;
    if (!canonical.empty()) canonical += ',';
    canonical += kVersionNames[i];
  }
  return canonical;
}

void resolve_tls_mode(TlsOptions& tls, bool mode_given) {
  if (!mode_given) {
    tls.mode = tls.verify ? TlsMode::verify_full : tls.force ? TlsMode::required : TlsMode::preferred;
  }
  if (tls.mode == TlsMode::disabled) return;
  if (tls.mode == TlsMode::verify_ca && tls.ca.empty() && tls.capath.empty()) {
    throw OdbcError("08001",
                    "TLS: SSLMODE=verify-ca needs SSLCA or SSLCAPATH, the CA the server's certificate must lead to "
                    "(use SSLMODE=verify-full to check against the system's trust store)");
  }
  if (tls.cert.empty() != tls.key.empty()) {
    throw OdbcError("08001", tls.cert.empty() ? "TLS: SSLKEY is set but SSLCERT is not: a client certificate needs both"
                                              : "TLS: SSLCERT is set but SSLKEY is not: a client certificate needs both");
  }
}

void apply_tls_options(MYSQL* m, const TlsOptions& tls) {
  if (tls.mode == TlsMode::disabled) {
    my_bool off = 0;
    mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &off);
    return;
  }
  my_bool on = 1;
  mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &on);  // TLS whenever the server offers it
  if (tls.mode == TlsMode::verify_full) mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
  set_string(m, MYSQL_OPT_SSL_CA, tls.ca);
  set_string(m, MYSQL_OPT_SSL_CAPATH, tls.capath);
  set_string(m, MYSQL_OPT_SSL_CERT, tls.cert);
  set_string(m, MYSQL_OPT_SSL_KEY, tls.key);
  set_string(m, MARIADB_OPT_TLS_PASSPHRASE, tls.key_password);
  set_string(m, MYSQL_OPT_SSL_CIPHER, tls.cipher);
  set_string(m, MYSQL_OPT_SSL_CRL, tls.crl);
  set_string(m, MYSQL_OPT_SSL_CRLPATH, tls.crlpath);
  set_string(m, MARIADB_OPT_TLS_VERSION, tls.versions);
}

std::string check_tls_session(MYSQL* m, const TlsOptions& tls, std::string_view endpoint) {
  if (!tls.tls_required() || mysql_get_ssl_cipher(m) != nullptr) return {};
  // Only required and verify-ca get here: verify-full is refused by libmariadb itself,
  // before authentication.
  std::string message = "TLS: the server at ";
  message += endpoint;
  message += " does not offer TLS; the session was closed";
  message = with_mode(std::move(message), tls);
  message += ')';
  return message;
}

std::string tls_failure_message(std::string_view library_text, const TlsOptions& tls, std::string_view host) {
  constexpr std::string_view kPrefix = "TLS/SSL error: ";
  std::string_view reason = library_text;
  if (reason.substr(0, kPrefix.size()) == kPrefix) reason.remove_prefix(kPrefix.size());
  std::string message;
  if (reason.find("does not support") != std::string_view::npos) {
    message = "TLS: ";
    message += reason;
  } else {
    message = "TLS: certificate verify failed: ";
    message += reason;
    // libmariadb 3.3's wording when the chain is fine and the host name check fails.
    if (tls.mode == TlsMode::verify_full && reason == "Validation of SSL server certificate failed") {
      message += ": the certificate does not name the host '";
      message += host;
      message += "' in its subjectAltName";
    }
  }
  message = with_mode(std::move(message), tls);
  if (!host.empty()) {
    message += ", host ";
    message += host;
  }
  message += ')';
  return message;
}

std::string tls_session_description(MYSQL* m) {
  const char* cipher = mysql_get_ssl_cipher(m);
  if (cipher == nullptr) return {};
  const char* version = nullptr;
  std::string out;
  if (mariadb_get_infov(m, MARIADB_CONNECTION_TLS_VERSION, &version) == 0 && version != nullptr) {
    out = version;
    out += ' ';
  }
  out += cipher;
  return out;
}

}  // namespace holdfast

#include "core/tls_errors.h"

namespace holdfast {

bool unwrap_pre_tls_error(const TlsOptions& tls, int& code, std::string& text) {
  if (tls.mode != TlsMode::preferred) return false;
  constexpr std::string_view kMarker = "The authenticity of the following error cannot be verified: ";
  const std::size_t at = text.find(kMarker);
  if (text.find("before completion of TLS handshake") == std::string::npos || at == std::string::npos) return false;
  std::string_view rest = std::string_view(text).substr(at + kMarker.size());
  int inner = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), inner, 10);
  if (ec != std::errc() || inner <= 0) return false;
  rest.remove_prefix(static_cast<std::size_t>(ptr - rest.data()));
  if (rest.substr(0, 3) == " - ") rest.remove_prefix(3);
  code = inner;
  text = std::string(rest);
  return true;
}

}  // namespace holdfast
