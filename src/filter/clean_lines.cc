#include "filter/clean_lines.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/document.h"
#include "core/json.h"
#include "core/stage_registry.h"
#include "text/words.h"

namespace ghirbal {


namespace {

constexpr uint32_t kBodyKinds = kPhraseNotice | kPhraseVocab;

size_t EstimateWords(std::string_view normalized) {
  if (normalized.empty()) return 0;
  size_t spaces = CountByte(normalized, ' ');
  return std::max(spaces + 1, CountCodePoints(normalized) / 7);
}

// EstimateWords(normalized) > limit, counting code points only when spaces do not decide.
bool IsLongLine(std::string_view normalized, size_t limit) {
  if (normalized.empty()) return false;
  if (CountByte(normalized, ' ') + 1 > limit) return true;
  return normalized.size() / 7 > limit && CountCodePoints(normalized) / 7 > limit;
}

// Walks the non-blank lines in one direction and grows notice blocks: bodies follow a notice
// line, buttons follow a notice line or another button of the same block.
template <typename Order>
void GrowNoticeBlocks(LineCleaner::Scratch& s, size_t max_notice_words, Order order) {
  enum { kNone, kNotice, kButton } prev = kNone;
  const size_t n = s.non_blank.size();
  for (size_t k = 0; k < n; ++k) {
    auto& line = s.info[s.non_blank[order(k, n)]];
    if (line.notice) {
      prev = kNotice;
      continue;
    }
    if (prev == kNotice && !line.removed && (line.kinds & kBodyKinds) != 0 &&
        line.words <= max_notice_words) {
      line.removed = line.notice = true;
      prev = kNotice;
    } else if (prev != kNone && (line.kinds & kPhraseButton) != 0) {
      line.removed = true;
      prev = kButton;
    } else {
      prev = kNone;
    }
  }
}

}  // namespace

namespace {

// The first character with four spaces before it, or npos: a separator found after it would
// leave the first segment five words or more. Only characters that are certainly not white
// space are taken (ASCII graphic characters, two-byte sequences above U+00BF, CJK), so the
// position found is never too early; prose lines end the scan within their first words.
size_t FifthWordStart(std::string_view line) {
  int spaces = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == ' ') {
      ++spaces;
    } else if (spaces >= 4 && ((c > 0x20 && c < 0x7F) || (c >= 0xC3 && c <= 0xDF) ||
                               (c >= 0xE4 && c <= 0xE9))) {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool IsBreadcrumb(std::string_view line) {
  static constexpr std::string_view kSeparators[] = {" > ", " » ", " › ", " / ", " | ",
                                                     " → ", " « ", " ‹ ", " < "};
  line = TrimWhitespace(line);
  if (line.empty() || EndsWithTerminalPunctuation(line)) return false;
  // The first segment ends at the first separator, which must come before the fifth word.
  const size_t fifth_word = FifthWordStart(line);
  const std::string_view head =
      fifth_word == std::string_view::npos ? line : line.substr(0, fifth_word + 5);
  // One look at the head for a space before a separator's first byte (> » › / | → « ‹ <)
  // settles most lines before any separator is searched for.
  bool candidate = false;
  for (size_t i = 0; i + 2 < head.size() && !candidate; ++i) {
    if (head[i] != ' ') continue;
    switch (static_cast<unsigned char>(head[i + 1])) {
      case '>': case '/': case '|': case '<': case 0xC2: case 0xE2:
        candidate = true;
    }
  }
  if (!candidate) return false;
  for (std::string_view sep : kSeparators) {
    if (fifth_word != std::string_view::npos &&
        line.substr(0, fifth_word + sep.size()).find(sep) == std::string_view::npos) {
      continue;
    }
    size_t segments = 1;
    size_t start = 0;
    bool ok = true;
    while (ok) {
      size_t pos = line.find(sep, start);
      std::string_view segment =
          TrimWhitespace(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
      size_t words = segment.empty() ? 0
                                     : static_cast<size_t>(std::count(segment.begin(), segment.end(), ' ')) + 1;
      if (words == 0 || words > 4) ok = false;
      if (pos == std::string_view::npos) break;
      ++segments;
      start = pos + sep.size();
    }
    if (ok && segments >= 3) return true;
  }
  return false;
}

LineCleaner::~LineCleaner() = default;

Result<std::unique_ptr<LineCleaner>> LineCleaner::Create(const CleanLinesOptions& options) {
  std::vector<Phrase> phrases;
  std::vector<std::string> files;
  if (!options.data_dir.empty()) {
    std::filesystem::path dir = std::filesystem::path(options.data_dir) / "filter" / "boilerplate";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
    }
    if (ec) return Status::NotFound("cannot list boilerplate phrase lists in " + dir.string());
    std::sort(files.begin(), files.end());  // deterministic order
  }
  files.insert(files.end(), options.phrase_files.begin(), options.phrase_files.end());
  for (const std::string& file : files) GHIRBAL_RETURN_IF_ERROR(LoadPhraseFile(file, &phrases));
  auto matcher = PhraseMatcher::Build(phrases);
  if (!matcher.ok()) return matcher.status();
  std::unique_ptr<LineCleaner> cleaner(new LineCleaner());
  cleaner->options_ = options;
  cleaner->matcher_ = std::move(matcher).value();
  return cleaner;
}

std::unique_ptr<LineCleaner::Scratch> LineCleaner::NewScratch() const {
  auto s = std::make_unique<Scratch>();
  s->matcher = matcher_->NewScratch();
  return s;
}

void LineCleaner::Clean(std::string_view text, Scratch* scratch, CleanLinesResult* out,
                        bool keep_removed) const {
  Scratch& s = *scratch;
  out->text.clear();
  out->unchanged = false;
  out->removed = 0;
  out->removed_lines.clear();
  SplitLines(text, &s.lines);
  s.info.assign(s.lines.size(), {});
  s.non_blank.clear();

  // The raw-text prefilter: one scan of the document tells which lines may hold a substring
  // phrase (with those holding a character normalization drops: it may hide one). The others
  // are only looked up as whole lines, which normalizes nothing of lines with many letters.
  bool prefiltered = false;
  if (options_.raw_prefilter) {
    s.line_starts.clear();
    for (std::string_view line : s.lines) {
      s.line_starts.push_back(static_cast<size_t>(line.data() - text.data()));
    }
    prefiltered = matcher_->ScanRaw(text, s.matcher.get(), [&](size_t end) {
      // The line holding the hit's last byte (a hit never crosses a '\n').
      auto it = std::upper_bound(s.line_starts.begin(), s.line_starts.end(), end - 1);
      s.info[static_cast<size_t>(it - s.line_starts.begin()) - 1].may_hold_phrase = true;
    });
  }

  // Every non-blank line that may hold a substring phrase normalized into one of two buffers,
  // each line followed by '\n', and each buffer scanned for phrases once. Lines of more than
  // max(max_notice_words, max_phrase_words) words go to the second: there only [anywhere]
  // phrases can count (every other substring kind is bounded by one of these lengths), so a
  // smaller database scans it.
  const size_t long_line_words = std::max(options_.max_notice_words, options_.max_phrase_words);
  s.normalized.clear();
  s.normalized_long.clear();
  s.short_lines.clear();
  s.long_lines.clear();
  for (size_t i = 0; i < s.lines.size(); ++i) {
    auto& line = s.info[i];
    line.trimmed = TrimWhitespace(s.lines[i]);
    if (line.trimmed.empty()) continue;
    s.non_blank.push_back(i);
    if (!line.may_hold_phrase &&
        (!prefiltered || PhraseMatcher::HasDroppedCharacter(line.trimmed))) {
      line.may_hold_phrase = true;
    }
    if (!line.may_hold_phrase) {
      line.kinds = matcher_->MatchWholeRawLine(line.trimmed, &s.whole_line);
      if (line.kinds != 0) line.words = EstimateWords(s.whole_line);
      continue;
    }
    line.normalized_begin = s.normalized.size();
    AppendNormalizedForMatch(line.trimmed, &s.normalized);
    line.normalized_size = s.normalized.size() - line.normalized_begin;
    if (IsLongLine(std::string_view(s.normalized)
                       .substr(line.normalized_begin, line.normalized_size),
                   long_line_words)) {
      line.long_line = true;
      s.normalized_long.append(s.normalized, line.normalized_begin, line.normalized_size);
      s.normalized.resize(line.normalized_begin);
      line.normalized_begin = s.normalized_long.size() - line.normalized_size;
      s.normalized_long.push_back('\n');
      s.long_lines.push_back(i);
    } else {
      s.normalized.push_back('\n');
      s.short_lines.push_back(i);
    }
  }
  auto scan = [&](const std::string& buffer, const std::vector<size_t>& lines, bool anywhere) {
    matcher_->ScanSubstrings(
        buffer, s.matcher.get(),
        [&](size_t end, uint32_t kind) {
          // The line holding the match: the last one starting before its end.
          auto it = std::upper_bound(lines.begin(), lines.end(), end, [&](size_t offset, size_t i) {
            return offset <= s.info[i].normalized_begin;
          });
          s.info[*(it - 1)].kinds |= kind;
        },
        anywhere);
  };
  scan(s.normalized, s.short_lines, false);
  scan(s.normalized_long, s.long_lines, true);
  for (size_t i : s.non_blank) {
    auto& line = s.info[i];
    if (line.may_hold_phrase) {
      const std::string_view normalized =
          std::string_view(line.long_line ? s.normalized_long : s.normalized)
              .substr(line.normalized_begin, line.normalized_size);
      line.kinds |= matcher_->MatchWholeLine(normalized);
      // Word counts only matter for lines with a phrase (every rule below tests kinds first).
      if (line.kinds != 0) line.words = EstimateWords(normalized);
    }
    if ((line.kinds & (kPhraseLine | kPhraseAnywhere)) != 0 ||
        ((line.kinds & kPhraseShort) != 0 && line.words <= options_.max_phrase_words)) {
      line.removed = true;
    } else if ((line.kinds & kPhraseNotice) != 0 && line.words <= options_.max_notice_words) {
      line.removed = line.notice = true;
    } else if (options_.breadcrumbs && IsBreadcrumb(line.trimmed)) {
      line.removed = true;
    }
  }
  GrowNoticeBlocks(s, options_.max_notice_words, [](size_t k, size_t) { return k; });
  GrowNoticeBlocks(s, options_.max_notice_words, [](size_t k, size_t n) { return n - 1 - k; });

  // The output is only written once it differs from the input: until then `same_until` is
  // where the input stops being it (most documents lose no line and are laid out already).
  bool pending_blank = false;
  bool any = false;  // a line was output
  bool same = true;
  size_t same_until = 0;
  for (const auto& line : s.info) {
    if (line.trimmed.empty()) {
      pending_blank = any;
      continue;
    }
    if (line.removed) {
      ++out->removed;
      if (keep_removed) out->removed_lines.emplace_back(line.trimmed);
      continue;
    }
    const std::string_view separator = !any ? "" : pending_blank ? "\n\n" : "\n";
    any = true;
    pending_blank = false;
    if (same) {
      const size_t at = static_cast<size_t>(line.trimmed.data() - text.data());
      if (at == same_until + separator.size() &&
          text.substr(same_until, separator.size()) == separator) {
        same_until = at + line.trimmed.size();
        continue;
      }
      same = false;
      out->text.assign(text.data(), same_until);
    }
    out->text.append(separator);
    out->text.append(line.trimmed);
  }
  if (same) {
    out->unchanged = same_until == text.size();
    if (!out->unchanged) out->text.assign(text.data(), same_until);
  }
}

namespace {

class CleanLinesState : public StageState {
 public:
  std::unique_ptr<LineCleaner::Scratch> scratch;
  CleanLinesResult result;
};

class CleanLinesStage : public DocumentStage {
 public:
  CleanLinesStage(std::unique_ptr<LineCleaner> cleaner, bool keep_removed)
      : cleaner_(std::move(cleaner)), keep_removed_(keep_removed) {}

  std::string_view Name() const override { return "clean_lines"; }

  std::unique_ptr<StageState> NewState() const override {
    auto st = std::make_unique<CleanLinesState>();
    st->scratch = cleaner_->NewScratch();
    return st;
  }

  void ProcessDocument(Document& doc, StageState* state) const override {
    auto* st = static_cast<CleanLinesState*>(state);
    cleaner_->Clean(doc.text, st->scratch.get(), &st->result, keep_removed_);
    doc.metadata.SetInt("clean_lines_removed", static_cast<int64_t>(st->result.removed));
    if (keep_removed_ && !st->result.removed_lines.empty()) {
      JsonBuilder b;
      b.BeginArray();
      for (const std::string& line : st->result.removed_lines) b.String(line);
      b.EndArray();
      doc.metadata.SetRaw("clean_lines_removed_lines", b.Take());
    }
    if (!st->result.unchanged) doc.text.swap(st->result.text);
    if (doc.text.empty()) {
      doc.Reject("clean_lines", "empty_after_clean", std::to_string(st->result.removed));
    }
  }

 private:
  std::unique_ptr<LineCleaner> cleaner_;
  bool keep_removed_;
};

Result<BuiltStage> MakeCleanLines(StageOptions& options) {
  CleanLinesOptions o;
  o.data_dir = options.data_dir();
  o.phrase_files = options.GetStringList("phrase_files");
  int64_t notice = options.GetInt("max_notice_words", static_cast<int64_t>(o.max_notice_words));
  int64_t phrase = options.GetInt("max_phrase_words", static_cast<int64_t>(o.max_phrase_words));
  o.breadcrumbs = options.GetBool("breadcrumbs", o.breadcrumbs);
  bool keep_removed = options.GetBool("keep_removed", false);
  if (notice < 0 || phrase < 0) {
    return Status::InvalidArgument("clean_lines: max_notice_words and max_phrase_words must be >= 0");
  }
  o.max_notice_words = static_cast<size_t>(notice);
  o.max_phrase_words = static_cast<size_t>(phrase);
  auto cleaner = LineCleaner::Create(o);
  if (!cleaner.ok()) return cleaner.status();
  BuiltStage built;
  built.stage = std::make_unique<CleanLinesStage>(std::move(cleaner).value(), keep_removed);
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("clean_lines",
                       "remove boilerplate lines: cookie notices, share/subscribe prompts, "
                       "copyright, breadcrumbs",
                       MakeCleanLines);

}  // namespace ghirbal
