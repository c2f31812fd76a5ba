// ExternalSorter: sorts more fixed-size records than fit in a memory budget.
//
// Records are buffered up to `budget_bytes`; a full buffer is sorted and spilled as a run file
// `<dir>/<name>-run-N.bin`; reading merges the runs (k-way, one buffered reader per run), so
// memory stays at the budget plus one small buffer per run whatever the record count. When
// everything fits, nothing touches the disk. Run files are deleted when the sorter is
// destroyed; their names are fixed, so a rerun after a crash overwrites its leftovers.
//
// `T` must be trivially copyable with a strict weak order `operator<`; records that compare
// equal come out in an unspecified order, so callers make the order total (e.g. by key).
#pragma once

#include <algorithm>
#include <cstdio>
#include <memory>
#include <queue>
#include <string>
#include <type_traits>
#include <vector>

#include "core/status.h"
#include "dedup/dedup_files.h"

namespace ghirbal::dedup {

template <typename T>
class ExternalSorter {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  ExternalSorter(std::string dir, std::string name, size_t budget_bytes)
      : dir_(std::move(dir)), name_(std::move(name)), capacity_(std::max<size_t>(1, budget_bytes / sizeof(T))) {}
  ~ExternalSorter() {
    for (const std::string& path : runs_) std::remove(path.c_str());
  }

  Status Add(const T& record) {
    // Grow by doubling, but never past the budget.
    if (buffer_.size() == buffer_.capacity()) buffer_.reserve(std::min(capacity_, std::max<size_t>(1024, 2 * buffer_.size())));
    buffer_.push_back(record);
    if (buffer_.size() >= capacity_) return Spill();
    return Status::Ok();
  }

  // Calls `fn(const T&)` for every record in sorted order. Call once, after the last Add.
  template <typename Fn>
  Status ForEachSorted(Fn&& fn) {
    std::sort(buffer_.begin(), buffer_.end());
    if (runs_.empty()) {
      for (const T& r : buffer_) fn(r);
      return Status::Ok();
    }
    if (!buffer_.empty()) GHIRBAL_RETURN_IF_ERROR(Spill());
    std::vector<std::unique_ptr<BinaryReader>> readers;
    using Head = std::pair<T, size_t>;
    auto greater = [](const Head& a, const Head& b) { return b.first < a.first; };
    std::priority_queue<Head, std::vector<Head>, decltype(greater)> heap(greater);
    for (const std::string& path : runs_) {
      readers.push_back(std::make_unique<BinaryReader>());
      GHIRBAL_RETURN_IF_ERROR(readers.back()->Open(path));
      T r;
      if (readers.back()->ReadPod(&r)) heap.emplace(r, readers.size() - 1);
    }
    while (!heap.empty()) {
      Head head = heap.top();
      heap.pop();
      fn(head.first);
      T r;
      if (readers[head.second]->ReadPod(&r)) heap.emplace(r, head.second);
    }
    for (const auto& reader : readers) GHIRBAL_RETURN_IF_ERROR(reader->status());
    return Status::Ok();
  }

  size_t runs() const { return runs_.size(); }

 private:
  Status Spill() {
    std::sort(buffer_.begin(), buffer_.end());
    BinaryWriter w;
    GHIRBAL_RETURN_IF_ERROR(w.Open(dir_ + "/" + name_ + "-run-" + std::to_string(runs_.size()) + ".bin"));
    w.Write(buffer_.data(), buffer_.size() * sizeof(T));
    GHIRBAL_RETURN_IF_ERROR(w.Commit());
    runs_.push_back(w.path());
    buffer_.clear();
    return Status::Ok();
  }

  std::string dir_;
  std::string name_;
  size_t capacity_;
  std::vector<T> buffer_;
  std::vector<std::string> runs_;
};

}  // namespace ghirbal::dedup
