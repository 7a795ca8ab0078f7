// Cursor names (SQLSetCursorName, SQLGetCursorName): the names a connection's statements
// hold, unique within the connection.
//
// A statement that was given no name gets "SQL_CUR<n>" the first time its name is asked
// for, n counting per connection. An application's name must not start with "SQL_CUR" or
// "SQLCUR" (34000), must fit SQL_MAX_CURSOR_NAME_LEN (34000) and must not be held by
// another statement of the connection (3C000). Names compare without regard to ASCII case,
// as SQL identifiers do.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace holdfast {

// SQLGetInfo(SQL_MAX_CURSOR_NAME_LEN), in characters.
inline constexpr std::size_t kMaxCursorNameLength = 64;

// Throws 34000 when `name` cannot be an application's cursor name.
void check_cursor_name(std::string_view name);

// One connection's registry. Owners are statements (any distinct address).
class CursorNames {
 public:
  // A new default name: SQL_CUR1, SQL_CUR2, ... (never reused within the connection).
  std::string next_default();
  // The same, held by `owner` from now on (so positioned statements find it).
  std::string next_default(const void* owner);
  // Gives `owner` the application's `name` (checked with check_cursor_name), replacing
  // the name it held; 3C000 when another owner holds it.
  void claim(const void* owner, std::string_view name);
  // Forgets `owner`'s name (the statement is freed).
  void release(const void* owner) noexcept;
  // The owner holding `name` (compared as claim() does); nullptr when none does.
  const void* owner_of(std::string_view name);
  // The same, and when that owner is not `self`, `lock` holds mutex_of(owner) if it could
  // be taken without waiting. The try happens under the registry's mutex, and a statement
  // gives its name up under its own lock before it is freed (SQLFreeHandle), so the owner
  // found is alive while `lock` holds it; a pointer from owner_of() alone may dangle.
  // Never waits for the owner: a positioned statement holds its own lock meanwhile.
  const void* owner_locked(std::string_view name, const void* self, std::mutex& (*mutex_of)(const void*),
                           std::unique_lock<std::mutex>& lock);

 private:
  struct Entry {
    const void* owner;
    std::string name;
  };
  std::mutex mutex_;
  std::vector<Entry> names_;
  unsigned long next_ = 0;
};

}  // namespace holdfast
