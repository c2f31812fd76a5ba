// The text form deduplication compares: normalized text and its hashes.
//
// Two texts are "the same" for dedup when they are equal after Unicode NFC normalization,
// full case folding and whitespace collapsing (every run of Unicode white space becomes one
// ASCII space; leading and trailing space is dropped). Words (for MinHash) come from
// src/text/words.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ghirbal::dedup {

// Normalizes `text` (see above) into `out` (replaced). Ill-formed UTF-8 counts as U+FFFD.
// Thread-safe. Text that is already NFC and has no case to fold but ASCII capitals (most
// Arabic and lower-case text) takes a fast path without ICU's UTF-16 round trip.
void NormalizeForDedup(std::string_view text, std::string* out);
// The same, always through ICU (NFC, full case folding, NFC, white space): the reference the
// fast path is tested against.
void NormalizeForDedupReference(std::string_view text, std::string* out);

struct Hash128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
  friend auto operator<=>(const Hash128&, const Hash128&) = default;
};
Hash128 HashText128(std::string_view s);
uint64_t HashText64(std::string_view s, uint64_t seed = 0);

}  // namespace ghirbal::dedup
