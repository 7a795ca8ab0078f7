#include "core/cursor_name.h"

#include <algorithm>

#include "core/odbc_error.h"

namespace holdfast {
namespace {

char fold(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool same_name(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return fold(x) == fold(y);
         });
}

bool starts_with_folded(std::string_view name, std::string_view prefix) noexcept {
  return name.size() >= prefix.size() && same_name(name.substr(0, prefix.size()), prefix);
}

// Characters (code points) in UTF-8 text: bytes that do not continue a sequence.
std::size_t code_points(std::string_view text) noexcept {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

void check_cursor_name(std::string_view name) {
  if (name.empty()) throw OdbcError("34000", "Invalid cursor name: the name is empty");
  if (code_points(name) > kMaxCursorNameLength)
    throw OdbcError("34000", "Invalid cursor name: longer than " + std::to_string(kMaxCursorNameLength) +
                                 " characters (SQL_MAX_CURSOR_NAME_LEN)");
  if (starts_with_folded(name, "SQL_CUR") || starts_with_folded(name, "SQLCUR"))
    throw OdbcError("34000", "Invalid cursor name: names starting with SQL_CUR or SQLCUR are the driver's");
}

std::string CursorNames::next_default() {
  std::lock_guard lock(mutex_);
  return "SQL_CUR" + std::to_string(++next_);
}

std::string CursorNames::next_default(const void* owner) {
  std::lock_guard lock(mutex_);
  std::string name = "SQL_CUR" + std::to_string(++next_);
  std::erase_if(names_, [owner](const Entry& e) { return e.owner == owner; });
  names_.push_back(Entry{owner, name});
  return name;
}

const void* CursorNames::owner_of(std::string_view name) {
  std::lock_guard lock(mutex_);
  for (const Entry& e : names_)
    if (same_name(e.name, name)) return e.owner;
  return nullptr;
}

const void* CursorNames::owner_locked(std::string_view name, const void* self,
                                      std::mutex& (*mutex_of)(const void*), std::unique_lock<std::mutex>& lock) {
  std::lock_guard guard(mutex_);
  for (const Entry& e : names_) {
    if (!same_name(e.name, name)) continue;
    if (e.owner != self) lock = std::unique_lock(mutex_of(e.owner), std::try_to_lock);
    return e.owner;
  }
  return nullptr;
}

void CursorNames::claim(const void* owner, std::string_view name) {
  check_cursor_name(name);
  std::lock_guard lock(mutex_);
  Entry* mine = nullptr;
  for (Entry& e : names_) {
    if (e.owner == owner) {
      mine = &e;
    } else if (same_name(e.name, name)) {
      throw OdbcError("3C000", "Duplicate cursor name: another statement of the connection is using '" +
                                   std::string(name) + "'");
    }
  }
  if (mine) {
    mine->name.assign(name);
  } else {
    names_.push_back(Entry{owner, std::string(name)});
  }
}

void CursorNames::release(const void* owner) noexcept {
  std::lock_guard lock(mutex_);
  std::erase_if(names_, [owner](const Entry& e) { return e.owner == owner; });
}

}  // namespace holdfast
