// Mojibake repair: undoes "UTF-8 bytes decoded as a legacy single-byte code page".
//
// When a UTF-8 page is decoded as windows-1252 (or latin-1) every non-ASCII character becomes
// two to four characters such as "Ã©" for "é" or "Ø§Ù„" for "ال"; decoded as windows-1256
// (Arabic Windows) "ال" becomes "ط§ظ„". Since a UTF-8 multi-byte sequence never contains an
// ASCII byte, the damage is confined to runs of non-ASCII characters. The repair looks at each
// maximal run of non-ASCII characters, maps it back to the bytes of the suspected code page and
// keeps the result when those bytes are well-formed UTF-8 containing multi-byte characters.
//
// Guards against false repairs of genuine text: a code page is only tried when the text shows
// its typical pattern (a UTF-8 lead byte's character directly followed by a continuation
// byte's character); a repaired run must decode to fewer characters than it had; and a run that
// decodes to a single character is trusted alone only for windows-1252 when one of its
// continuation characters is not a letter ("Ã©" is never real text). Other single-character
// runs (windows-1256 "ع،" is real Arabic) are repaired only when the text has a repair of two
// or more characters, or at least two other repairs. A windows-1256 repair must also decode to
// characters real mojibake produces (Latin-1, Arabic blocks, general punctuation), since
// genuine Persian or Urdu words can be valid UTF-8 for unrelated letters when re-encoded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ghirbal {

struct MojibakeStats {
  int64_t runs_repaired = 0;  // runs of characters replaced by their UTF-8 reading
};

// Returns true and writes the repaired text to *out when anything was repaired; returns false
// (leaving *out untouched) when `text` has no repairable mojibake or is not valid UTF-8.
// Windows-1252 (with latin-1's C1 controls for its five unassigned bytes) is tried first, then
// windows-1256; a doubly-encoded text is repaired by a second round.
bool RepairMojibake(std::string_view text, std::string* out, MojibakeStats* stats = nullptr);

}  // namespace ghirbal
