// The driver log: one file per process, lines stamped with time, level and thread.
// HOLDFAST_LOG (a path, or "stderr") and HOLDFAST_LOG_LEVEL in the environment take
// precedence over the LOG_FILE / LOG_LEVEL connection keywords. Nothing secret is ever
// written: no password, no parameter value.
#pragma once

#include <string>
#include <string_view>

namespace holdfast {

enum class LogLevel { off = 0, error = 1, warning = 2, info = 3, debug = 4 };

namespace log {

// Applies a connection's LOG_FILE/LOG_LEVEL unless the environment already decided.
void configure(const std::string& file, int level);
bool enabled(LogLevel level) noexcept;
void write(LogLevel level, std::string_view message) noexcept;

}  // namespace log
}  // namespace holdfast
