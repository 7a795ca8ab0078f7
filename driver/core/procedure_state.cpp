#include "core/procedure_state.h"

#include <array>
#include <cctype>

namespace holdfast {
namespace {

bool insignificant(TokenKind k) noexcept { return k == TokenKind::whitespace || k == TokenKind::comment; }

Token next_significant(SqlLexer& lex) noexcept {
  Token t = lex.next();
  while (insignificant(t.kind)) t = lex.next();
  return t;
}

// A name token as the server reads it: a word as is, a quoted identifier without its
// quotes and with doubled quotes made single.
std::optional<std::string> identifier(const SqlLexer& lex, const Token& t) {
  const std::string_view text = lex.view(t);
  if (t.kind == TokenKind::word) return std::string(text);
  if (t.kind != TokenKind::quoted_identifier || !t.terminated || text.size() < 2) return std::nullopt;
  const char quote = text.front();
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    out += text[i];
    if (text[i] == quote) ++i;
  }
  return out;
}

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<ProcedureName> called_procedure(std::string_view sql, const ScanOptions& options) {
  SqlLexer lex(sql, options);
  Token t = next_significant(lex);
  if (t.kind != TokenKind::word || !keyword_equals(lex.view(t), "CALL")) return std::nullopt;
  t = next_significant(lex);
  std::optional<std::string> first = identifier(lex, t);
  if (!first || first->empty()) return std::nullopt;
  SqlLexer after = lex;
  const Token dot = after.next();
  if (dot.kind == TokenKind::punct && lex.first_byte(dot) == '.') {
    std::optional<std::string> second = identifier(after, after.next());
    if (!second || second->empty()) return std::nullopt;
    return ProcedureName{std::move(*first), std::move(*second)};
  }
  return ProcedureName{std::string(), std::move(*first)};
}

bool definition_may_leave_state(std::string_view definition) noexcept {
  // Any user variable (SET @x, INTO @x, :=), and these words as whole words (so a table
  // named hf_calls or a BLOCK label is not CALL or LOCK). False positives only cost the
  // transparent reconnect; a miss would hide state, so every doubt counts as state.
  static constexpr std::array<std::string_view, 6> words{"temporary", "lock", "get_lock", "prepare", "call", "handler"};
  const auto word_char = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || c == '_' || c == '$' || u >= 0x80;
  };
  std::size_t i = 0;
  while (i < definition.size()) {
    if (definition[i] == '@') return true;
    if (!word_char(definition[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < definition.size() && word_char(definition[end])) ++end;
    const std::string_view word = definition.substr(i, end - i);
    for (const std::string_view w : words) {
      if (word.size() != w.size()) continue;
      std::size_t k = 0;
      while (k < w.size() && lower(word[k]) == w[k]) ++k;
      if (k == w.size()) return true;
    }
    i = end;
  }
  return false;
}

std::string definition_query(const ProcedureName& procedure, const LiteralOptions& options) {
  std::string sql = "SELECT ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ";
  if (procedure.schema.empty())
    sql += "DATABASE()";
  else
    append_quoted_string(sql, procedure.schema, options);
  sql += " AND ROUTINE_NAME = ";
  append_quoted_string(sql, procedure.name, options);
  sql += " AND ROUTINE_TYPE = 'PROCEDURE'";
  return sql;
}

std::string ProcedureStateCache::key(const ProcedureName& procedure, const std::string& current_schema) {
  // Schema names are case-sensitive on the server's file system; routine names are not.
  std::string k = procedure.schema.empty() ? current_schema : procedure.schema;
  k += '.';
  for (const char c : procedure.name) k += lower(c);
  return k;
}

std::optional<bool> ProcedureStateCache::find(const std::string& key) const {
  const auto it = known_.find(key);
  if (it == known_.end()) return std::nullopt;
  return it->second;
}

}  // namespace holdfast
