// SQL_ATTR_QUERY_TIMEOUT: one thread per connection, started on first use, that fires a
// callback (KILL QUERY on a side connection) when a statement runs past its deadline.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace holdfast {

class QueryWatchdog {
 public:
  explicit QueryWatchdog(std::function<void()> on_expire) : on_expire_(std::move(on_expire)) {}
  ~QueryWatchdog();
  QueryWatchdog(const QueryWatchdog&) = delete;
  QueryWatchdog& operator=(const QueryWatchdog&) = delete;

  void arm(std::chrono::steady_clock::duration after);
  // Stops the clock. Returns true if it fired; a firing under way is waited for, so no
  // late KILL can reach the next statement.
  bool disarm();
  // Whether the last armed deadline fired (valid after disarm()).
  bool fired() {
    std::lock_guard lock(mutex_);
    return fired_;
  }

 private:
  void loop();

  std::function<void()> on_expire_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  bool fired_ = false;
  bool firing_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace holdfast
