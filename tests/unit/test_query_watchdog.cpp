#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/query_watchdog.h"

using namespace holdfast;
using namespace std::chrono_literals;

TEST_CASE("the watchdog fires once its deadline passes, and disarm reports it", "[unit][watchdog]") {
  std::atomic<int> fired{0};
  QueryWatchdog dog([&] { ++fired; });
  dog.arm(30ms);
  std::this_thread::sleep_for(200ms);
  CHECK(dog.disarm());
  CHECK(fired == 1);
  CHECK(dog.fired());
}

TEST_CASE("a disarmed watchdog never fires, and can be armed again", "[unit][watchdog]") {
  std::atomic<int> fired{0};
  QueryWatchdog dog([&] { ++fired; });
  for (int i = 0; i < 20; ++i) {
    dog.arm(10s);
    CHECK_FALSE(dog.disarm());
  }
  std::this_thread::sleep_for(50ms);
  CHECK(fired == 0);
  dog.arm(20ms);
  std::this_thread::sleep_for(150ms);
  CHECK(dog.disarm());
  CHECK(fired == 1);
}

TEST_CASE("disarm waits for a firing under way", "[unit][watchdog]") {
  std::atomic<bool> finished{false};
  QueryWatchdog dog([&] {
    std::this_thread::sleep_for(150ms);
    finished = true;
  });
  dog.arm(10ms);
  std::this_thread::sleep_for(50ms);  // the callback has started and is still running
  CHECK(dog.disarm());
  CHECK(finished);  // no late KILL can follow disarm()
}

TEST_CASE("a watchdog destroyed while armed stops without firing", "[unit][watchdog]") {
  std::atomic<int> fired{0};
  {
    QueryWatchdog dog([&] { ++fired; });
    dog.arm(5s);
  }
  CHECK(fired == 0);
}
