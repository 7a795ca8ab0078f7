#include "core/query_watchdog.h"

namespace holdfast {

QueryWatchdog::~QueryWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void QueryWatchdog::arm(std::chrono::steady_clock::duration after) {
  std::lock_guard lock(mutex_);
  deadline_ = std::chrono::steady_clock::now() + after;
  fired_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  changed_.notify_all();
}

bool QueryWatchdog::disarm() {
  std::unique_lock lock(mutex_);
  deadline_.reset();
  changed_.wait(lock, [this] { return !firing_; });
  return fired_;
}

void QueryWatchdog::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (!deadline_) {
      changed_.wait(lock);
      continue;
    }
    const auto deadline = *deadline_;
    if (changed_.wait_until(lock, deadline) == std::cv_status::no_timeout) continue;
    if (!deadline_ || *deadline_ != deadline || stop_) continue;
    deadline_.reset();
    fired_ = firing_ = true;
    lock.unlock();
    try {
      on_expire_();
    } catch (...) {
      // A failed KILL leaves the statement to READ_TIMEOUT; nothing to report from here.
    }
    lock.lock();
    firing_ = false;
    changed_.notify_all();
  }
}

}  // namespace holdfast
