// Type-stable storage for ODBC handles.
//
// An application may pass any pointer as a handle: a freed one, one of another handle
// type, or garbage. To answer SQL_INVALID_HANDLE instead of crashing, every handle of a
// type lives in a slab owned by that type's pool. Slabs are never returned to the system,
// so checking a pointer is safe: it must fall on a block of one of the pool's slabs and
// that block's tag must say "live". No registry of live handles is kept; the pool is an
// allocator, and its only shared state is the slab table (append-only, read lock-free)
// and the free list (under a mutex, touched only on allocation and release).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace holdfast {

template <class T>
class HandlePool {
 public:
  template <class... Args>
  static T* create(Args&&... args) {
    Block* block = state().take();
    T* object;
    try {
      object = ::new (static_cast<void*>(block->storage)) T(std::forward<Args>(args)...);
    } catch (...) {
      state().give_back(block);
      throw;
    }
    block->tag.store(kLive, std::memory_order_release);
    return object;
  }

  static void destroy(T* object) noexcept {
    if (!object) return;
    Block* block = block_of(object);
    block->tag.store(kDead, std::memory_order_release);
    object->~T();
    state().give_back(block);
  }

  // The live object behind an application-supplied handle, or nullptr.
  static T* lookup(const void* handle) noexcept {
    if (!handle) return nullptr;
    const auto address = reinterpret_cast<std::uintptr_t>(handle);
    if (address < offsetof(Block, storage)) return nullptr;
    const auto block_address = address - offsetof(Block, storage);
    State& s = state();
    const std::size_t slabs = s.slab_count.load(std::memory_order_acquire);
    for (std::size_t i = 0; i < slabs; ++i) {
      const auto base = reinterpret_cast<std::uintptr_t>(s.slabs[i].load(std::memory_order_acquire));
      const std::size_t bytes = slab_blocks(i) * sizeof(Block);
      if (block_address < base || block_address >= base + bytes) continue;
      if ((block_address - base) % sizeof(Block) != 0) return nullptr;
      auto* block = reinterpret_cast<Block*>(block_address);
      if (block->tag.load(std::memory_order_acquire) != kLive) return nullptr;
      return std::launder(reinterpret_cast<T*>(block->storage));
    }
    return nullptr;
  }

 private:
  static constexpr std::uint32_t kLive = 0x484f4c44;  // "HOLD"
  static constexpr std::uint32_t kDead = 0xdeadf7ee;
  static constexpr std::size_t kMaxSlabs = 40;

  struct Block {
    std::atomic<std::uint32_t> tag{kDead};
    alignas(T) std::byte storage[sizeof(T)];
  };

  static constexpr std::size_t slab_blocks(std::size_t index) { return std::size_t{16} << index; }

  static Block* block_of(T* object) noexcept {
    return reinterpret_cast<Block*>(reinterpret_cast<std::byte*>(object) - offsetof(Block, storage));
  }

  struct State {
    std::array<std::atomic<Block*>, kMaxSlabs> slabs{};
    std::atomic<std::size_t> slab_count{0};
    std::mutex mutex;
    std::vector<Block*> free_blocks;

    Block* take() {
      std::lock_guard lock(mutex);
      if (free_blocks.empty()) grow();
      Block* block = free_blocks.back();
      free_blocks.pop_back();
      return block;
    }
    void give_back(Block* block) noexcept {
      std::lock_guard lock(mutex);
      free_blocks.push_back(block);  // capacity reserved in grow(): never throws
    }
    void grow() {
      const std::size_t index = slab_count.load(std::memory_order_relaxed);
      if (index >= kMaxSlabs) throw std::bad_alloc();
      const std::size_t count = slab_blocks(index);
      std::size_t total = 0;
      for (std::size_t i = 0; i <= index; ++i) total += slab_blocks(i);
      free_blocks.reserve(total);
      auto* slab = static_cast<Block*>(::operator new(count * sizeof(Block), std::align_val_t{alignof(Block)}));
      for (std::size_t i = 0; i < count; ++i) ::new (static_cast<void*>(slab + i)) Block();
      for (std::size_t i = count; i-- > 0;) free_blocks.push_back(slab + i);
      slabs[index].store(slab, std::memory_order_release);
      slab_count.store(index + 1, std::memory_order_release);
    }
  };

  // Deliberately never destroyed: handles may be freed by atexit handlers of the
  // application after static destructors ran, and the slabs stay reachable from here.
  static State& state() {
    static State* s = new State();
    return *s;
  }
};

}  // namespace holdfast
