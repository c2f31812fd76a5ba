// NameIndex: finds a short name (an HTML tag or attribute name) in a fixed list.
//
// Every tag and attribute of a page is looked up; a binary search over the ~150 tag names makes
// about seven comparisons, each a memcmp call. This closed hash table (FNV-1a, linear probing,
// at most a quarter full) finds a name with one probe and one byte comparison in most cases.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ghirbal::html {

class NameIndex {
 public:
  // Indexes names[i] as i; empty names are skipped. Names must be distinct.
  explicit NameIndex(std::span<const std::string_view> names) : names_(names) {
    size_t slots = 16;
    while (slots < names.size() * 4) slots *= 2;
    slots_.assign(slots, -1);
    mask_ = static_cast<uint32_t>(slots - 1);
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) continue;
      if (names[i].size() > longest_) longest_ = names[i].size();
      uint32_t h = Hash(names[i]) & mask_;
      while (slots_[h] >= 0) h = (h + 1) & mask_;
      slots_[h] = static_cast<int32_t>(i);
    }
  }

  // The index of `name`, or -1.
  int Find(std::string_view name) const {
    if (name.empty() || name.size() > longest_) return -1;
    for (uint32_t h = Hash(name) & mask_; slots_[h] >= 0; h = (h + 1) & mask_) {
      if (Equal(names_[static_cast<size_t>(slots_[h])], name)) return slots_[h];
    }
    return -1;
  }

 private:
  static uint32_t Hash(std::string_view s) {
    uint32_t h = 2166136261u;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }
  static bool Equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  std::span<const std::string_view> names_;
  std::vector<int32_t> slots_;
  uint32_t mask_ = 0;
  size_t longest_ = 0;
};

}  // namespace ghirbal::html
