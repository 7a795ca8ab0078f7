#include "core/sql_lexer.h"

namespace holdfast {

namespace {

constexpr bool is_digit(unsigned char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

bool keyword_equals(std::string_view word, std::string_view upper_keyword) noexcept {
  if (word.size() != upper_keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_keyword[i]) return false;
  }
  return true;
}

std::size_t SqlLexer::mb_at(std::size_t i) const noexcept {
  return mb_char_length(opt_.charset, reinterpret_cast<const unsigned char*>(text_.data()) + i,
                        text_.size() - i);
}

Token SqlLexer::quoted(TokenKind kind, std::size_t begin, bool backslash) noexcept {
  const std::size_t n = text_.size();
  const char q = text_[begin];
  std::size_t i = begin + 1;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if (mb_ && c >= 0x80) {
      const std::size_t l = mb_at(i);
      if (l != 0) {
        i += l;
        continue;
      }
    }
    if (c == '\\' && backslash) {
      // The server takes exactly one BYTE after a backslash, never a whole character, and
      // looks for a multi-byte character again only after it. Observed on MariaDB 10.11.19
      // with character_set_client=gbk (literal bytes in hex, result of SELECT HEX(...)):
      //   27 5C BF 5C 27 27   '\<BF>\''  -> BF27  (BF 5C and 95 5C are gbk characters, yet
      //   27 5C 95 5C 27 27   '\<95>\''  -> 9527   the backslash took BF or 95 alone)
      //   27 5C BF 41 27      '\<BF>A'   -> BF41
      //   27 BF 5C 27         '<BF>\'    -> BF5C  (no backslash before it: one character)
      // The same holds for "..." strings ("\<95>\"" -> 9522).
      i += 2;
      continue;
    }
    if (c == static_cast<unsigned char>(q)) {
      if (i + 1 < n && text_[i + 1] == q) {
        i += 2;
        continue;
      }
      return make(kind, begin, i + 1);
    }
    ++i;
  }
  return make(kind, begin, n, false);
}

Token SqlLexer::next() noexcept {
  const std::size_t n = text_.size();
  const std::size_t b = pos_;
  if (b >= n) return Token{TokenKind::end, n, n, true};
  const auto c = static_cast<unsigned char>(text_[b]);
  const auto at = [&](std::size_t i) -> unsigned char {
    return i < n ? static_cast<unsigned char>(text_[i]) : 0;
  };

  if (is_sql_space(c)) {
    std::size_t i = b + 1;
    while (i < n && is_sql_space(static_cast<unsigned char>(text_[i]))) ++i;
    return make(TokenKind::whitespace, b, i);
  }
  if (c == '#' || (c == '-' && at(b + 1) == '-' && (b + 2 >= n || at(b + 2) <= 0x20 || at(b + 2) == 0x7F))) {
    const std::size_t nl = text_.find('\n', b);
    return make(TokenKind::comment, b, nl == std::string_view::npos ? n : nl);
  }
  if (c == '/' && at(b + 1) == '*') {
    std::size_t bang = 0;
    if (at(b + 2) == '!') bang = b + 3;
    else if (at(b + 2) == 'M' && at(b + 3) == '!') bang = b + 4;
    if (bang != 0 && !in_exec_) {
      std::size_t digits = 0;
      while (digits < 6 && is_digit(at(bang + digits))) ++digits;
      if (digits < 5) digits = 0;  // not a version: the digits are code
      in_exec_ = true;
      return make(TokenKind::exec_comment_open, b, bang + digits);
    }
    const std::size_t close = text_.find("*/", b + 2);
    if (close == std::string_view::npos) return make(TokenKind::comment, b, n, false);
    return make(TokenKind::comment, b, close + 2);
  }
  if (c == '*' && in_exec_ && at(b + 1) == '/') {
    in_exec_ = false;
    return make(TokenKind::exec_comment_close, b, b + 2);
  }
  if (c == '\'') return quoted(TokenKind::string_literal, b, !opt_.no_backslash_escapes);
  if (c == '"') {
    if (opt_.ansi_quotes) return quoted(TokenKind::quoted_identifier, b, false);
    return quoted(TokenKind::string_literal, b, !opt_.no_backslash_escapes);
  }
  if (c == '`') return quoted(TokenKind::quoted_identifier, b, false);
  if (is_sql_word_byte(c)) {
    std::size_t i = b;
    while (i < n) {
      const auto d = static_cast<unsigned char>(text_[i]);
      if (mb_ && d >= 0x80) {
        const std::size_t l = mb_at(i);
        i += l != 0 ? l : 1;
        continue;
      }
      if (!is_sql_word_byte(d)) break;
      ++i;
    }
    return make(TokenKind::word, b, i);
  }
  return make(TokenKind::punct, b, b + 1);
}

}  // namespace holdfast
