#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "core/stage_options.h"
#include "core/utf8.h"
#include "text/mojibake.h"
#include "text/normalize_utf8.h"

namespace ghirbal {
namespace {

constexpr char32_t kZwnj = 0x200C;
constexpr char32_t kZwj = 0x200D;

bool IsHorizontalSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

bool IsStrayInvisible(char32_t c) {
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0xAD || c == 0x200E || c == 0x200F ||
         c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool IsControl(char32_t c, bool keep_cr) {
  if (c < 0x20) return c != '\t' && c != '\n' && !(keep_cr && c == '\r');
  return c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

// A letter or mark of a script whose shaping needs ZWNJ/ZWJ.
bool IsJoiningScriptChar(char32_t c) {
  if (c == 0) return false;
  uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  if ((mask & (U_GC_L_MASK | U_GC_M_MASK)) == 0) return false;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_ARABIC: case USCRIPT_SYRIAC: case USCRIPT_NKO: case USCRIPT_MONGOLIAN:
    case USCRIPT_DEVANAGARI: case USCRIPT_BENGALI: case USCRIPT_GURMUKHI: case USCRIPT_GUJARATI:
    case USCRIPT_ORIYA: case USCRIPT_TAMIL: case USCRIPT_TELUGU: case USCRIPT_KANNADA:
    case USCRIPT_MALAYALAM: case USCRIPT_SINHALA: case USCRIPT_MYANMAR: case USCRIPT_KHMER:
    case USCRIPT_TIBETAN: case USCRIPT_INHERITED:
      return true;
    default:
      return false;
  }
}

bool IsEmojiPart(char32_t c) {
  return c == 0xFE0F || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EMOJI_MODIFIER);
}

bool IsArabicDiacritic(char32_t c) {
  return (c >= 0x064B && c <= 0x0652) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) ||
         (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
}

bool IsPresentationForm(char32_t c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
}

// True for a non-ASCII code point some option may change or that affects white space and
// lines; everything else is copied verbatim by the fast path. Deliberately generous: the slow
// path handles any character correctly.
inline bool MayNeedWork(char32_t c) {
  if (c >= 0x0621 && c <= 0x064A) return c == 0x0640;  // Arabic letters: only tatweel
  if (c < 0xC0) return true;  // C1 controls, NEL, NBSP, soft hyphen
  if (c >= 0x0600 && c <= 0x06FF) {
    return c == 0x061C || (c >= 0x064B && c <= 0x0670) || c >= 0x06D6;
  }
  return c == 0x1680 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 || (c >= 0xFB50 && c <= 0xFEFF);
}

// True when `s` is certainly NFC without asking ICU: every character is a starter that never
// composes with what precedes it (below U+0300, or an Arabic letter or digit). Harakat and other
// combining marks, and every other block, leave the answer to ICU.
bool QuickNfc(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xCB) {  // U+0080..U+02FF
      i += 2;
      continue;
    }
    unsigned char d = p[i + 1];  // valid UTF-8: a continuation byte follows every lead
    bool starter = c == 0xD8 || c == 0xDA ||                              // U+0600..063F, 0680..06BF
                   (c == 0xD9 && !((d >= 0x8B && d <= 0x9F) || d == 0xB0)) ||  // not 064B..065F, 0670
                   (c == 0xDB && !(d >= 0x96 && d <= 0xAD));              // not 06D6..06ED
    if (!starter) return false;
    i += 2;
  }
  return true;
}

bool AnyCharacterPass(const NormalizeOptions& o) {
  return o.remove_control || o.remove_invisible || o.unify_line_endings || o.collapse_spaces ||
         o.trim_lines || o.collapse_blank_lines || o.arabic.remove_tatweel ||
         o.arabic.fold_presentation_forms || o.arabic.strip_diacritics || o.arabic.ascii_digits;
}

// The character pass: one left-to-right scan with a little state for white space and lines.
class CharacterPass {
 public:
  CharacterPass(const NormalizeOptions& o, NormalizeStats* stats) : o_(o), stats_(*stats) {}

  std::string Run(std::string_view in) {
    out_.clear();
    out_.reserve(in.size());
    const char* p = in.data();
    size_t n = in.size();
    size_t i = 0;
    while (i < n) {
      // Fast path: a run of printable ASCII and characters no option touches, copied at once.
      size_t j = i;
      char32_t last = prev_;
      while (j < n) {
        unsigned char c = static_cast<unsigned char>(p[j]);
        if (c > 0x20 && c < 0x7F) {
          last = c;
          ++j;
          continue;
        }
        if (c == 0xD8 || c == 0xD9) {
          // A run of Arabic letters U+0621..U+063F, U+0641..U+064A (not tatweel), which no
          // option touches, two bytes at a time.
          size_t k = j;
          while (k + 1 < n) {
            const unsigned char a = static_cast<unsigned char>(p[k]);
            const unsigned char b = static_cast<unsigned char>(p[k + 1]);
            if (!((a == 0xD8 && b >= 0xA1 && b <= 0xBF) || (a == 0xD9 && b >= 0x81 && b <= 0x8A))) break;
            k += 2;
          }
          if (k > j) {
            last = (static_cast<char32_t>(p[k - 2] & 0x1F) << 6) | (p[k - 1] & 0x3F);
            j = k;
            continue;
          }
        }
        if (c == ' ' && j > i && j + 1 < n) {
          // A single space between two verbatim characters stays as it is under every option.
          unsigned char d = static_cast<unsigned char>(p[j + 1]);
          bool verbatim_next = d > 0x20 && d < 0x7F;
          if (d >= 0x80) {
            char32_t next;
            text_internal::DecodeValidUtf8(p + j + 1, &next);
            verbatim_next = !MayNeedWork(next);
          }
          if (verbatim_next) {
            last = 0;
            ++j;
            continue;
          }
        }
        if (c < 0x80) break;
        char32_t cp;
        size_t len = text_internal::DecodeValidUtf8(p + j, &cp);
        if (MayNeedWork(cp)) break;
        last = cp;
        j += len;
      }
      if (j > i) {
        char32_t first;
        text_internal::DecodeValidUtf8(p + i, &first);
        BeginContent(first);
        out_.append(p + i, j - i);
        prev_ = last;
        i = j;
        continue;
      }
      char32_t cp;
      size_t len = text_internal::DecodeValidUtf8(p + i, &cp);
      std::string_view bytes(p + i, len);
      i += len;
      if (cp == '\n') {
        Newline();
        continue;
      }
      if (o_.unify_line_endings &&
          (cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029)) {
        if (cp == '\r' && i < n && p[i] == '\n') ++i;
        Newline();
        continue;
      }
      Handle(cp, bytes, /*allow_fold=*/true);
    }
    // Trailing white space survives only without trimming; held-back line breaks at the end
    // are blank lines at the end of the text, which collapse_blank_lines drops.
    DropJoiner();
    if (!pending_space_.empty() && !o_.trim_lines) FlushSpace();
    return std::move(out_);
  }

 private:
  // Everything but line breaks for one code point; `bytes` is its UTF-8.
  void Handle(char32_t cp, std::string_view bytes, bool allow_fold) {
    if (o_.remove_control && IsControl(cp, !o_.unify_line_endings)) {
      ++stats_.controls_removed;
      return;
    }
    if (o_.remove_invisible) {
      if (IsStrayInvisible(cp)) {
        ++stats_.invisible_removed;
        return;
      }
      if (cp == kZwnj || cp == kZwj) {
        // Held back until the next visible character shows whether it joins two letters
        // (decided on what is written, not on the input, so normalizing twice changes nothing).
        bool may_keep = IsJoiningScriptChar(prev_) || (cp == kZwj && IsEmojiPart(prev_));
        if (pending_joiner_ != 0 || !may_keep) {
          ++stats_.invisible_removed;
        } else {
          pending_joiner_ = cp;
        }
        return;
      }
    }
    if (cp >= 0x0600 && cp <= 0x06FF) {
      if (o_.arabic.remove_tatweel && cp == 0x0640) {
        ++stats_.tatweel_removed;
        return;
      }
      if (o_.arabic.strip_diacritics && IsArabicDiacritic(cp)) {
        ++stats_.diacritics_removed;
        return;
      }
      if (o_.arabic.ascii_digits && cp >= 0x0660 && cp <= 0x0669) {
        EmitDigit(static_cast<char>('0' + (cp - 0x0660)));
        return;
      }
      if (o_.arabic.ascii_digits && cp >= 0x06F0 && cp <= 0x06F9) {
        EmitDigit(static_cast<char>('0' + (cp - 0x06F0)));
        return;
      }
    }
    if (allow_fold && o_.arabic.fold_presentation_forms && IsPresentationForm(cp)) {
      FoldPresentationForm(bytes);
      return;
    }
    if (IsHorizontalSpace(cp)) {
      DropJoiner();
      pending_space_.append(bytes);
      prev_ = 0;  // a joiner after white space joins nothing
      return;
    }
    BeginContent(cp);
    out_.append(bytes);
    prev_ = cp;
  }

  void EmitDigit(char c) {
    ++stats_.digits_mapped;
    BeginContent(static_cast<unsigned char>(c));
    out_.push_back(c);
    prev_ = static_cast<unsigned char>(c);
  }

  // Folds a presentation form with NFKC and feeds the result through Handle, so that what it
  // folds to (tatweel, a space, harakat) gets the same treatment as typed text.
  void FoldPresentationForm(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    std::string folded;
    if (U_SUCCESS(status)) {
      icu::StringByteSink<std::string> sink(&folded);
      nfkc->normalizeUTF8(0, icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())),
                          sink, nullptr, status);
    }
    if (U_FAILURE(status) || folded.empty()) folded.assign(bytes);
    if (folded != bytes) ++stats_.presentation_folded;
    for (size_t k = 0; k < folded.size();) {
      char32_t cp;
      size_t len = text_internal::DecodeValidUtf8(folded.data() + k, &cp);
      Handle(cp, std::string_view(folded).substr(k, len), /*allow_fold=*/false);
      k += len;
    }
  }

  // Writes the white space held back, collapsed or as it was.
  void FlushSpace() {
    FlushNewlines();
    if (o_.collapse_spaces) {
      out_.push_back(' ');
    } else {
      out_.append(pending_space_);
    }
    pending_space_.clear();
    text_start_ = false;
  }

  void FlushNewlines() {
    if (pending_newlines_ == 0) return;
    int count = pending_newlines_;
    if (o_.collapse_blank_lines) count = text_start_ ? 0 : std::min(count, 2);
    out_.append(count, '\n');
    pending_newlines_ = 0;
  }

  // A held-back ZWNJ/ZWJ not followed by a letter it can join: dropped.
  void DropJoiner() {
    if (pending_joiner_ == 0) return;
    ++stats_.invisible_removed;
    pending_joiner_ = 0;
  }

  // Called before visible characters are written; `first` is the first of them.
  void BeginContent(char32_t first) {
    // A joiner is only held right after a letter, so no white space or line break is pending.
    if (pending_joiner_ != 0) {
      bool keep = (IsJoiningScriptChar(prev_) && IsJoiningScriptChar(first)) ||
                  (pending_joiner_ == kZwj && IsEmojiPart(prev_) && IsEmojiPart(first));
      if (keep) {
        AppendUtf8(&out_, pending_joiner_);
        pending_joiner_ = 0;
      } else {
        DropJoiner();
      }
    }
    if (pending_newlines_ == 0 && pending_space_.empty()) {
      line_start_ = text_start_ = false;
      return;
    }
    FlushNewlines();
    if (!pending_space_.empty()) {
      if (o_.trim_lines && line_start_) {
        pending_space_.clear();
      } else {
        FlushSpace();
      }
    }
    line_start_ = false;
    text_start_ = false;
  }

  void Newline() {
    DropJoiner();
    if (!pending_space_.empty()) {
      if (o_.trim_lines) {
        pending_space_.clear();
      } else {
        FlushSpace();
      }
    }
    if (o_.collapse_blank_lines) {
      ++pending_newlines_;
    } else {
      out_.push_back('\n');
    }
    line_start_ = true;
    prev_ = 0;
  }

  const NormalizeOptions& o_;
  NormalizeStats& stats_;
  std::string out_;
  std::string pending_space_;  // horizontal white space not written yet
  int pending_newlines_ = 0;   // line breaks not written yet (collapse_blank_lines only)
  bool line_start_ = true;
  bool text_start_ = true;
  char32_t prev_ = 0;  // last visible character written on this line, 0 after white space
  char32_t pending_joiner_ = 0;  // ZWNJ/ZWJ held back, or 0
};

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

NormalizeOptions NormalizeOptions::AllOff() {
  NormalizeOptions o;
  o.nfc = o.remove_control = o.remove_invisible = o.unify_line_endings = false;
  o.collapse_spaces = o.trim_lines = o.collapse_blank_lines = o.fix_mojibake = false;
  o.arabic.remove_tatweel = o.arabic.fold_presentation_forms = false;
  o.arabic.strip_diacritics = o.arabic.ascii_digits = false;
  return o;
}

Result<NormalizeOptions> NormalizeOptions::FromStageOptions(StageOptions& options) {
  NormalizeOptions o;
  o.nfc = options.GetBool("nfc", o.nfc);
  o.remove_control = options.GetBool("remove_control", o.remove_control);
  o.remove_invisible = options.GetBool("remove_invisible", o.remove_invisible);
  o.unify_line_endings = options.GetBool("unify_line_endings", o.unify_line_endings);
  o.collapse_spaces = options.GetBool("collapse_spaces", o.collapse_spaces);
  o.trim_lines = options.GetBool("trim_lines", o.trim_lines);
  o.collapse_blank_lines = options.GetBool("collapse_blank_lines", o.collapse_blank_lines);
  o.fix_mojibake = options.GetBool("fix_mojibake", o.fix_mojibake);
  StageOptions& arabic = options.Child("arabic");
  o.arabic.remove_tatweel = arabic.GetBool("remove_tatweel", o.arabic.remove_tatweel);
  o.arabic.fold_presentation_forms =
      arabic.GetBool("fold_presentation_forms", o.arabic.fold_presentation_forms);
  o.arabic.strip_diacritics = arabic.GetBool("strip_diacritics", o.arabic.strip_diacritics);
  o.arabic.ascii_digits = arabic.GetBool("ascii_digits", o.arabic.ascii_digits);
  return o;
}

std::string NormalizeText(std::string_view text, const NormalizeOptions& options,
                          NormalizeStats* stats) {
  NormalizeStats local;
  NormalizeStats& st = stats != nullptr ? *stats : local;
  bool character_pass = AnyCharacterPass(options);
  if (!options.nfc && !options.fix_mojibake && !character_pass) return std::string(text);

  std::string buffer;
  std::string_view current = text;
  if (!IsValidUtf8(current)) {
    size_t replaced = 0;
    buffer = ToValidUtf8(current, &replaced);
    st.invalid_utf8 += static_cast<int64_t>(replaced);
    current = buffer;
  }
  bool ascii = IsAscii(current);
  if (options.fix_mojibake && !ascii) {
    std::string repaired;
    MojibakeStats mojibake;
    if (RepairMojibake(current, &repaired, &mojibake)) {
      st.mojibake_repairs += mojibake.runs_repaired;
      buffer = std::move(repaired);
      current = buffer;
    }
  }
  std::string result;
  if (character_pass) {
    CharacterPass pass(options, &st);
    result = pass.Run(current);
  } else {
    result.assign(current);
  }
  if (options.nfc && !ascii) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::StringPiece piece(result.data(), static_cast<int32_t>(result.size()));
    if (U_SUCCESS(status) && !QuickNfc(result) && !nfc->isNormalizedUTF8(piece, status) &&
        U_SUCCESS(status)) {
      std::string normalized;
      normalized.reserve(result.size());
      icu::StringByteSink<std::string> sink(&normalized);
      nfc->normalizeUTF8(0, piece, sink, nullptr, status);
      if (U_SUCCESS(status)) {
        result = std::move(normalized);
        ++st.nfc_applied;
      }
    }
  }
  return result;
}

}  // namespace ghirbal
