// A byte-level tokenizer for MySQL/MariaDB statement text, shared by the statement
// scanner (sql_scan.h) and the ODBC escape translator (escape_translate.h) so that both
// agree with each other, and with the server, on what is code and what is not.
//
// It follows the server's lexer where it matters for the client:
// - '...' strings: '' is a quote, \x skips one byte (unless NO_BACKSLASH_ESCAPES);
// - "..." is a string too, or an identifier under ANSI_QUOTES (then "" only, no \);
// - `...` identifiers: `` only;
// - comments: '#' and '-- ' (the second dash followed by a space, a control byte or
//   the end of the text) run to the end of the line; '/* ... */' blocks;
// - '/*!' and '/*M!' (optionally followed by a 5-6 digit version) open an executable
//   comment whose content is code; the next '*/' outside strings closes it;
// - in the multi-byte sets with ASCII trail bytes (gbk, big5, sjis, cp932, euckr,
//   gb18030) a well-formed two-to-four byte character is one unit everywhere, so a
//   trail byte 0x5C or 0x60 is never read as '\' or '`'.
//
// Linear time, no allocation. Unterminated strings, identifiers and comments run to
// the end of the text (the server reports the syntax error).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/sql_charset.h"

namespace holdfast {

struct ScanOptions {
  SqlCharset charset = SqlCharset::utf8;
  bool no_backslash_escapes = false;  // sql_mode NO_BACKSLASH_ESCAPES
  bool ansi_quotes = false;           // sql_mode ANSI_QUOTES: "x" is an identifier
};

enum class TokenKind : std::uint8_t {
  end,                // no more text
  whitespace,         // a run of space, \t, \n, \v, \f, \r
  comment,            // '#...', '-- ...' or '/* ... */' (not executable)
  exec_comment_open,  // '/*!', '/*!50001', '/*M!', '/*M!100100'
  exec_comment_close, // the '*/' that ends an executable comment
  string_literal,     // '...' or "..." (not under ANSI_QUOTES), quotes included
  quoted_identifier,  // `...`, or "..." under ANSI_QUOTES, quotes included
  word,               // [A-Za-z0-9_$] and bytes >= 0x80 (keywords, names, numbers)
  punct,              // any other single byte: ( ) , ; ? { } = @ ...
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::size_t begin = 0;  // byte offsets into the text, [begin, end)
  std::size_t end = 0;
  bool terminated = true;  // false for a string, identifier or block comment cut off by the end
};

class SqlLexer {
 public:
  SqlLexer(std::string_view text, const ScanOptions& options, std::size_t start = 0) noexcept
      : text_(text), opt_(options), pos_(start), mb_(charset_has_ascii_trail(options.charset)) {}

  Token next() noexcept;

  // The next token without consuming it.
  Token peek() const noexcept {
    SqlLexer copy = *this;
    return copy.next();
  }

  std::size_t position() const noexcept { return pos_; }
  bool in_exec_comment() const noexcept { return in_exec_; }
  std::string_view text() const noexcept { return text_; }

  // The byte at `t.begin` (for punct tokens: the token itself).
  char first_byte(const Token& t) const noexcept { return text_[t.begin]; }
  std::string_view view(const Token& t) const noexcept {
    return text_.substr(t.begin, t.end - t.begin);
  }

 private:
  Token make(TokenKind k, std::size_t begin, std::size_t end, bool terminated = true) noexcept {
    pos_ = end;
    return Token{k, begin, end, terminated};
  }
  Token quoted(TokenKind kind, std::size_t begin, bool backslash) noexcept;
  std::size_t mb_at(std::size_t i) const noexcept;

  std::string_view text_;
  ScanOptions opt_;
  std::size_t pos_;
  bool mb_;
  bool in_exec_ = false;
};

// True for the bytes the server's lexer treats as space.
constexpr bool is_sql_space(unsigned char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool is_sql_word_byte(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c >= 0x80;
}

// ASCII case-insensitive comparison of a token against an upper-case keyword.
bool keyword_equals(std::string_view word, std::string_view upper_keyword) noexcept;

}  // namespace holdfast
