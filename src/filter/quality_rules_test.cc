// Each rule at, just below and just above its threshold, in English and Arabic, with the
// expected measurements worked out by hand in the comments.
#include "filter/quality_rules.h"

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

// Parameters with every rule off, so one rule can be tested alone.
QualityParams AllOff() {
  QualityParams p;
  GopherQualityParams& q = p.gopher_quality;
  q.min_words = q.max_words = q.min_avg_word_length = q.max_avg_word_length = std::nullopt;
  q.max_symbol_word_ratio = q.max_bullet_lines_ratio = q.max_ellipsis_lines_ratio = std::nullopt;
  q.min_alpha_words_ratio = q.min_stop_words = std::nullopt;
  GopherRepetitionParams& r = p.gopher_repetition;
  r.dup_line_frac = r.dup_para_frac = r.dup_line_char_frac = r.dup_para_char_frac = std::nullopt;
  for (auto& t : r.top_ngram_frac) t.reset();
  for (auto& t : r.dup_ngram_frac) t.reset();
  FineWebParams& f = p.fineweb;
  f.line_punct_thr = f.short_line_thr = f.char_duplicates_ratio = f.new_line_ratio = std::nullopt;
  return p;
}

std::string Repeat(std::string_view unit, size_t n, std::string_view sep = " ") {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out.append(sep);
    out.append(unit);
  }
  return out;
}

// Distinct two-character words: "ba", "ca", ..., then "bb", ... (never "aa").
std::vector<std::string> Fillers(size_t n, bool arabic = false) {
  static const char* kArabic[] = {"في", "من", "عن", "ما", "هو", "هي", "لا", "إن", "قد", "كم",
                                  "لم", "لن", "يا", "ذا", "تم", "أو", "كي", "بل", "إذ", "ثم",
                                  "له", "لك", "به", "بك", "فه", "أي", "مع", "ذو", "نم", "دع"};
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    if (arabic) {
      out.emplace_back(kArabic[i % 30]);  // tests use fewer than 30
    } else {
      out.push_back({static_cast<char>('b' + i % 24), static_cast<char>('a' + i / 24)});
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& words, std::string_view sep = " ") {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out.append(sep);
    out.append(words[i]);
  }
  return out;
}

class RuleTest : public ::testing::Test {
 protected:
  RuleResult Quality(const std::string& text, const GopherQualityParams& p) {
    AnalyzeWords(text, &s_);
    return CheckGopherQuality(text, p, &s_);
  }
  RuleResult Repetition(const std::string& text, const GopherRepetitionParams& p) {
    AnalyzeWords(text, &s_);
    return CheckGopherRepetition(text, p, &s_);
  }
  RuleResult FineWeb(const std::string& text, const FineWebParams& p) {
    AnalyzeWords(text, &s_);
    return CheckFineWeb(text, p, &s_);
  }
  static void ExpectHit(const RuleResult& r, const std::string& rule, const std::string& value) {
    ASSERT_TRUE(r.has_value()) << "expected " << rule;
    EXPECT_EQ(r->rule, rule);
    EXPECT_EQ(r->value, value);
  }
  QualityScratch s_;
};

// ---- Gopher quality -------------------------------------------------------------------

TEST_F(RuleTest, GopherMinWordsEnglishAndArabic) {
  auto p = AllOff().gopher_quality;
  p.min_words = 50;
  // Punctuation tokens are not words: 49 words and a full stop are 49.
  ExpectHit(Quality(Repeat("word", 49) + " .", p), "gopher_min_words", "49");
  EXPECT_FALSE(Quality(Repeat("word", 50) + " .", p));
  EXPECT_FALSE(Quality(Repeat("word", 51), p));
  ExpectHit(Quality(Repeat("كلمة", 49, " ، "), p), "gopher_min_words", "49");
  EXPECT_FALSE(Quality(Repeat("كلمة", 50, " ، "), p));
}

TEST_F(RuleTest, GopherMaxWords) {
  auto p = AllOff().gopher_quality;
  p.max_words = 10;
  EXPECT_FALSE(Quality(Repeat("word", 10), p));
  ExpectHit(Quality(Repeat("word", 11), p), "gopher_max_words", "11");
  ExpectHit(Quality(Repeat("قال", 11), p), "gopher_max_words", "11");
}

TEST_F(RuleTest, GopherAverageWordLength) {
  auto p = AllOff().gopher_quality;
  p.min_avg_word_length = 3;
  p.max_avg_word_length = 10;
  EXPECT_FALSE(Quality("ab ab abcd abcd", p));  // (2+2+4+4)/4 = 3.0, not below 3
  ExpectHit(Quality("ab ab abc abcd", p), "gopher_min_avg_word_length", "2.75");  // 11/4
  EXPECT_FALSE(Quality("ab abc abcd abcd", p));  // 13/4 = 3.25
  EXPECT_FALSE(Quality("abcdefghij abcdefghij", p));  // 10.0, not above 10
  ExpectHit(Quality("abcdefghij abcdefghijkl", p), "gopher_max_avg_word_length", "11");
  // Arabic (FineWeb-2 arb_Arab: 2..9). Letters are code points, not bytes.
  p.min_avg_word_length = 2;
  p.max_avg_word_length = 9;
  EXPECT_FALSE(Quality("في من", p));                                    // 2.0
  ExpectHit(Quality("و في", p), "gopher_min_avg_word_length", "1.5");   // (1+2)/2
  EXPECT_FALSE(Quality("والمستشفيات من", p));                           // (11+2)/2 = 6.5
  ExpectHit(Quality("والاستثمارات وبالاستثمارات", p), "gopher_max_avg_word_length", "12.5");
}

TEST_F(RuleTest, GopherHashAndEllipsisRatios) {
  auto p = AllOff().gopher_quality;
  p.max_symbol_word_ratio = 0.1;
  // Words include the symbol tokens: 18 words + 2 "#" = 20 tokens, 2/20 = 0.1 (not above).
  EXPECT_FALSE(Quality(Repeat("word", 18) + " # #", p));
  ExpectHit(Quality(Repeat("word", 17) + " # # #", p), "gopher_hash_ratio", "0.15");
  EXPECT_FALSE(Quality(Repeat("word", 19) + " #", p));  // 0.05
  // Arabic: 9 words + "#" = 10 tokens, 0.1; 8 words + "# #" = 0.2.
  EXPECT_FALSE(Quality(Repeat("كلمة", 9) + " #", p));
  ExpectHit(Quality(Repeat("كلمة", 8) + " # #", p), "gopher_hash_ratio", "0.2");
  // "..." and "…": 8 words + 2 tokens = 10, 2/10 = 0.2.
  ExpectHit(Quality(Repeat("word", 8) + " ... …", p), "gopher_ellipsis_ratio", "0.2");
  EXPECT_FALSE(Quality(Repeat("كلمة", 9) + " …", p));  // 1/10
  ExpectHit(Quality(Repeat("كلمة", 7) + " … …", p), "gopher_ellipsis_ratio", "0.2222222222222222");
}

TEST_F(RuleTest, GopherBulletAndEllipsisLines) {
  auto p = AllOff().gopher_quality;
  p.max_bullet_lines_ratio = 0.9;
  p.max_ellipsis_lines_ratio = 0.3;
  auto lines = [](size_t marked, size_t total, std::string_view prefix, std::string_view suffix) {
    std::string out;
    for (size_t i = 0; i < total; ++i) {
      if (i) out += "\n";
      out += i < marked ? std::string(prefix) + "item text" + std::string(suffix) : "plain text";
    }
    return out;
  };
  EXPECT_FALSE(Quality(lines(18, 20, "• ", ""), p));  // 0.9
  ExpectHit(Quality(lines(19, 20, "  - ", ""), p), "gopher_bullet_lines_ratio", "0.95");
  // Arabic lines: 9 of 10 bulleted = 0.9 (not above); 10 of 10 = 1.
  auto ar_lines = [](size_t marked, size_t total) {
    std::string out;
    for (size_t i = 0; i < total; ++i) {
      if (i) out += "\n";
      out += i < marked ? "• بند من القائمة" : "نص عادي";
    }
    return out;
  };
  EXPECT_FALSE(Quality(ar_lines(9, 10), p));
  ExpectHit(Quality(ar_lines(10, 10), p), "gopher_bullet_lines_ratio", "1");
  EXPECT_FALSE(Quality(lines(3, 10, "", "..."), p));  // 0.3
  ExpectHit(Quality(lines(4, 10, "", "… "), p), "gopher_ellipsis_lines_ratio", "0.4");
  ExpectHit(Quality(lines(4, 10, "", "..."), p), "gopher_ellipsis_lines_ratio", "0.4");
}

TEST_F(RuleTest, GopherAlphaWords) {
  auto p = AllOff().gopher_quality;
  p.min_alpha_words_ratio = 0.8;
  EXPECT_FALSE(Quality(Repeat("word", 8) + " 12 34", p));  // 8/10
  ExpectHit(Quality(Repeat("word", 7) + " 12 34 .", p), "gopher_alpha_words_ratio", "0.7");
  EXPECT_FALSE(Quality(Repeat("word", 9) + " 12", p));  // 0.9
  p.min_alpha_words_ratio = 0.787;  // arb_Arab; the Arabic comma is a non-alpha token
  EXPECT_FALSE(Quality(Repeat("كلمة", 4) + " ، كلمة", p));  // 5/6 = 0.833
  ExpectHit(Quality("كلمة كلمة ، ، ١٢", p), "gopher_alpha_words_ratio", "0.4");
}

TEST_F(RuleTest, GopherStopWords) {
  auto p = AllOff().gopher_quality;
  p.min_stop_words = 2;
  p.SetStopWords({"the", "of"});
  ExpectHit(Quality("the cat sat on a mat", p), "gopher_stop_words", "1");
  EXPECT_FALSE(Quality("the cat of the mat", p));  // 3
  EXPECT_FALSE(Quality("the end of it", p));       // exactly 2
  p.SetStopWords({"في", "من"});
  ExpectHit(Quality("ذهب الولد في الصباح", p), "gopher_stop_words", "1");
  EXPECT_FALSE(Quality("ذهب الولد في الصباح من البيت", p));
}

// ---- Gopher repetition ----------------------------------------------------------------

TEST_F(RuleTest, DuplicateParagraphs) {
  auto p = AllOff().gopher_repetition;
  p.dup_para_frac = 0.3;
  // 10 paragraphs, 3 repeats: 0.3, not above.
  std::vector<std::string> paras = {"p a", "p b", "p c", "p d", "p e", "p f", "p g",
                                    "p a", "p b", "p c"};
  EXPECT_FALSE(Repetition(Join(paras, "\n\n"), p));
  paras[9] = "p h";  // 2 repeats: 0.2
  EXPECT_FALSE(Repetition(Join(paras, "\n\n"), p));
  paras[9] = "p c";
  paras[6] = "p a";  // 4 repeats
  ExpectHit(Repetition(Join(paras, "\n\n"), p), "gopher_dup_para_frac", "0.4");
}

TEST_F(RuleTest, DuplicateParagraphChars) {
  auto p = AllOff().gopher_repetition;
  p.dup_para_char_frac = 0.2;
  // 8+8+8+4+4 chars and 4 separators of 2: 40 chars; the repeat has 8: 0.2, not above.
  EXPECT_FALSE(Repetition("aaaaaaaa\n\nbbbbbbbb\n\naaaaaaaa\n\ncccc\n\ndddd", p));
  // Without "dddd": 34 chars, 8/34.
  ExpectHit(Repetition("aaaaaaaa\n\nbbbbbbbb\n\naaaaaaaa\n\ncccc", p), "gopher_dup_para_char_frac",
            "0.23529411764705882");
  // Arabic: each paragraph is 10 code points; 4 * 10 + 3 separators * 2 = 46; 10/46.
  ExpectHit(Repetition("سلام عليكم\n\nصباح الخير\n\nسلام عليكم\n\nمساء الخير", p),
            "gopher_dup_para_char_frac", "0.21739130434782608");
  // One more paragraph of 8: 10/56.
  EXPECT_FALSE(Repetition("سلام عليكم\n\nصباح الخير\n\nسلام عليكم\n\nمساء الخير\n\nشكرا لكم", p));
}

TEST_F(RuleTest, DuplicateLinesAndLineChars) {
  auto p = AllOff().gopher_repetition;
  p.dup_line_frac = 0.3;
  // re.split("\n+"): blank lines do not count. 10 lines, 3 repeats.
  std::vector<std::string> lines = {"l a", "l b", "l c", "l d", "l e", "l f", "l g",
                                    "l a", "l b", "l c"};
  EXPECT_FALSE(Repetition(Join(lines, "\n\n"), p));
  lines[6] = "l a";
  ExpectHit(Repetition(Join(lines, "\n"), p), "gopher_dup_line_frac", "0.4");
  p.dup_line_frac.reset();
  p.dup_line_char_frac = 0.2;
  EXPECT_FALSE(Repetition("aaaaaaaa\nbbbbbbbbbbbbbbbb\naaaaaaaa\ncccccccc", p));  // 8/43
  ExpectHit(Repetition("aaaaaaaa\nbbbbbbbbbbbb\naaaaaaaa\ncccccccc", p),
            "gopher_dup_line_char_frac", "0.20512820512820512");  // 8/39
  // Arabic, ar threshold 0.304 for the line fraction: 10 lines with 3 repeats pass.
  p.dup_line_char_frac.reset();
  p.dup_line_frac = 0.304;
  std::vector<std::string> ar = {"سطر أ", "سطر ب", "سطر ج", "سطر د", "سطر ه",
                                 "سطر و", "سطر ز", "سطر أ", "سطر ب", "سطر ج"};
  EXPECT_FALSE(Repetition(Join(ar, "\n"), p));
  ar[6] = "سطر أ";
  ExpectHit(Repetition(Join(ar, "\n"), p), "gopher_dup_line_frac", "0.4");
}

TEST_F(RuleTest, TopTwoGram) {
  for (bool arabic : {false, true}) {
    auto p = AllOff().gopher_repetition;
    p.top_ngram_frac[0] = 0.2;
    // "X Y X Y" + k distinct fillers, all words two characters: the top 2-gram "X Y" (5 chars)
    // occurs twice = 10 chars; the text has 4 + k words = 3(4 + k) - 1 chars.
    auto text = [&](size_t k) {
      std::vector<std::string> f = Fillers(k + 2, arabic);
      std::vector<std::string> words = {f[0], f[1], f[0], f[1]};
      words.insert(words.end(), f.begin() + 2, f.end());
      return Join(words);
    };
    EXPECT_FALSE(Repetition(text(13), p)) << arabic;  // 10/50 = 0.2
    ExpectHit(Repetition(text(12), p), "gopher_top_2gram_frac", "0.2127659574468085");  // 10/47
    EXPECT_FALSE(Repetition(text(14), p)) << arabic;  // 10/53
  }
}

TEST_F(RuleTest, TopThreeAndFourGrams) {
  auto p = AllOff().gopher_repetition;
  p.top_ngram_frac[1] = 0.18;
  // "ba ca da" twice (8 chars each = 16) in 9 + k words of 2 chars: 3(9)-1 = 26 chars with
  // k = 3 distinct fillers: 16/26 > 0.18.
  std::vector<std::string> f = Fillers(6);
  std::string text = Join({f[0], f[1], f[2], f[0], f[1], f[2], f[3], f[4], f[5]});
  ExpectHit(Repetition(text, p), "gopher_top_3gram_frac", "0.6153846153846154");
  p.top_ngram_frac[1].reset();
  p.top_ngram_frac[2] = 0.16;
  // Every 4-gram occurs once, and datatrove still counts the first one: 11 * 1 / 26.
  ExpectHit(Repetition(text, p), "gopher_top_4gram_frac", "0.4230769230769231");
}

TEST_F(RuleTest, DuplicateFiveGrams) {
  for (bool arabic : {false, true}) {
    auto p = AllOff().gopher_repetition;
    // Five words repeated once: the repeat adds 5 * 2 = 10 chars (no spaces); the text has
    // 10 + k two-character words = 3(10 + k) - 1 chars.
    auto text = [&](size_t k) {
      std::vector<std::string> f = Fillers(k + 5, arabic);
      std::vector<std::string> words(f.begin(), f.begin() + 5);
      words.insert(words.end(), f.begin(), f.begin() + 5);
      words.insert(words.end(), f.begin() + 5, f.end());
      return Join(words);
    };
    p.dup_ngram_frac[0] = 10.0 / 65;  // at the threshold: k = 12 gives 65 chars
    EXPECT_FALSE(Repetition(text(12), p)) << arabic;
    p.dup_ngram_frac[0] = 0.15;
    ExpectHit(Repetition(text(12), p), "gopher_dup_5gram_frac", "0.15384615384615385");
    EXPECT_FALSE(Repetition(text(13), p)) << arabic;  // 10/68 = 0.147
  }
}

TEST_F(RuleTest, DuplicateNGramsSkipOverlaps) {
  auto p = AllOff().gopher_repetition;
  p.dup_ngram_frac[5] = 0.0;  // any duplicated 10-gram
  // A word repeated 30 times: the 10-gram at 1 repeats the one at 0 (+40 chars), the walk
  // jumps to 11 (+40), then 21 is past the last 10-gram (20): 80 of 30*5-1 = 149 chars.
  ExpectHit(Repetition(Repeat("word", 30), p), "gopher_dup_10gram_frac", "0.5369127516778524");
  EXPECT_FALSE(Repetition(Join(Fillers(40)), p));
}

// Lines and paragraphs from one pass against re.split("\n+") and SplitParagraphs.
TEST(SplitLineRunsTest, MatchesSeparateSplits) {
  std::mt19937 rng(31);
  const char* kPieces[] = {"a", "bc", "\n", "\n", "\n\n", " ", "\t", "\u00A0", "\r", "\u0628"};
  std::vector<std::string_view> lines, paragraphs, expected_paragraphs;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (size_t k = rng() % 16; k > 0; --k) text += kPieces[rng() % std::size(kPieces)];
    std::vector<std::string_view> expected_lines;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size()) {
        expected_lines.push_back(std::string_view(text).substr(start));
      } else if (text[i] == '\n') {
        expected_lines.push_back(std::string_view(text).substr(start, i - start));
        while (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
      }
    }
    SplitParagraphs(text, &expected_paragraphs);
    SplitLineRuns(text, &lines, &paragraphs);
    ASSERT_EQ(lines, expected_lines) << text;
    ASSERT_EQ(paragraphs, expected_paragraphs) << text;
    SplitLineRuns(text, &lines, nullptr);
    ASSERT_EQ(lines, expected_lines) << text;
  }
}

// Differential test: the hashed n-gram measures against a plain reference that builds the
// n-gram strings, as datatrove does, on random texts with many repeats.
TEST_F(RuleTest, NgramMeasuresMatchStringReference) {
  std::mt19937 rng(7);
  const std::vector<std::string> vocab = {"a", "bb", "ccc", "في", "من", "the", "x", "yy"};
  for (int round = 0; round < 660; ++round) {
    // The last rounds are article-sized, so that the sketches the rules bound the measures
    // with are as large as on real text.
    std::vector<std::string> words(1 + rng() % (round < 600 ? 60 : 3000));
    // Later rounds mix in words that occur once, so most n-grams are unique and repeats are
    // rare, as in real text.
    const unsigned unique_share = round < 200 ? 0 : round < 400 ? 50 : 90;
    for (size_t i = 0; i < words.size(); ++i) {
      words[i] = rng() % 100 < unique_share ? "u" + std::to_string(i) : vocab[rng() % vocab.size()];
    }
    const std::string text = Join(words);
    const double len = static_cast<double>(CountCodePoints(text));
    for (size_t n = 2; n <= 10; ++n) {
      // Reference value.
      double expected = 0;
      if (n <= 4 && words.size() >= n) {
        std::map<std::string, std::pair<size_t, size_t>> counts;  // gram -> (count, first)
        for (size_t i = 0; i + n <= words.size(); ++i) {
          std::vector<std::string> g(words.begin() + i, words.begin() + i + n);
          auto [it, inserted] = counts.emplace(Join(g), std::make_pair(0, i));
          ++it->second.first;
        }
        size_t best = 0, first = 0;
        std::string top;
        for (const auto& [gram, cf] : counts) {
          if (cf.first > best || (cf.first == best && cf.second < first)) {
            best = cf.first;
            first = cf.second;
            top = gram;
          }
        }
        expected = static_cast<double>(CountCodePoints(top)) * best / len;
      } else if (n >= 5) {
        std::set<std::string> seen;
        size_t repeated = 0;
        for (size_t i = 0; i + n <= words.size();) {
          std::vector<std::string> g(words.begin() + i, words.begin() + i + n);
          std::string gram = Join(g, "");
          if (seen.count(gram)) {
            repeated += CountCodePoints(gram);
            i += n;
          } else {
            seen.insert(gram);
            ++i;
          }
        }
        expected = repeated / len;
      }
      auto p = AllOff().gopher_repetition;
      if (n <= 4) {
        p.top_ngram_frac[n - 2] = 0.0;
      } else {
        p.dup_ngram_frac[n - 5] = 0.0;
      }
      RuleResult r = Repetition(text, p);
      if (expected > 0) {
        ASSERT_TRUE(r.has_value()) << text << " n=" << n;
        EXPECT_EQ(r->value, JsonValue(expected)) << text << " n=" << n;
      } else {
        EXPECT_FALSE(r.has_value()) << text << " n=" << n;
        continue;
      }
      // At the measured value the rule passes; just below it, it fails with that value
      // (whatever shortcut the rule takes when it can show the limit is not reached).
      Threshold& limit = n <= 4 ? p.top_ngram_frac[n - 2] : p.dup_ngram_frac[n - 5];
      limit = expected;
      EXPECT_FALSE(Repetition(text, p)) << text << " n=" << n;
      limit = std::nextafter(expected, 0.0);
      r = Repetition(text, p);
      ASSERT_TRUE(r.has_value()) << text << " n=" << n;
      EXPECT_EQ(r->value, JsonValue(expected)) << text << " n=" << n;
    }
  }
}

// ---- FineWeb --------------------------------------------------------------------------

std::string Lines(size_t marked, size_t total, std::string_view marked_line,
                  std::string_view other) {
  std::string out;
  for (size_t i = 0; i < total; ++i) {
    if (i) out += "\n";
    out += i < marked ? marked_line : other;
  }
  return out;
}

TEST_F(RuleTest, FineWebLinePunctuation) {
  auto p = AllOff().fineweb;
  p.line_punct_thr = 0.12;
  const char* done = "this line is finished.";
  const char* open = "this line goes on and on";
  ExpectHit(FineWeb(Lines(3, 25, done, open), p), "fineweb_line_punct_ratio", "0.12");
  EXPECT_FALSE(FineWeb(Lines(4, 25, done, open), p));  // 0.16
  ExpectHit(FineWeb(Lines(2, 25, done, open), p), "fineweb_line_punct_ratio", "0.08");
  // Arabic (arb_Arab 0.143): "؟" ends a sentence; 1 of 7 = 0.142857 <= 0.143.
  p.line_punct_thr = 0.143;
  ExpectHit(FineWeb(Lines(1, 7, "هل انتهى السطر؟", "السطر مستمر"), p),
            "fineweb_line_punct_ratio", "0.14285714285714285");
  EXPECT_FALSE(FineWeb(Lines(1, 6, "انتهى السطر.", "السطر مستمر"), p));  // 0.1667
  p.line_punct_exclude_zero = true;
  EXPECT_FALSE(FineWeb(Lines(0, 6, "", "السطر مستمر"), p));
}

TEST_F(RuleTest, FineWebShortLines) {
  auto p = AllOff().fineweb;
  p.short_line_thr = 0.67;
  std::string longer(31, 'x');
  ExpectHit(FineWeb(Lines(67, 100, "short", longer), p), "fineweb_short_line_ratio", "0.67");
  EXPECT_FALSE(FineWeb(Lines(66, 100, "short", longer), p));
  // Length is in code points: 30 Arabic letters (60 bytes) are short, 31 are not.
  std::string ar30 = Repeat("ب", 30, "");
  std::string ar31 = Repeat("ب", 31, "");
  ExpectHit(FineWeb(Lines(2, 2, ar30, ar31), p), "fineweb_short_line_ratio", "1");
  EXPECT_FALSE(FineWeb(Lines(0, 2, ar30, ar31), p));
}

TEST_F(RuleTest, FineWebDuplicateLineChars) {
  auto p = AllOff().fineweb;
  p.char_duplicates_ratio = 0.01;
  // 99 distinct lines of 10 chars, "dup line 1" twice: 10 dup chars of (101 lines * 10) = 1010.
  auto text = [](size_t distinct) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < distinct; ++i) {
      char buf[16];
      std::snprintf(buf, sizeof(buf), "line %05zu", i);
      lines.emplace_back(buf);
    }
    lines.push_back(lines[0]);
    return Join(lines, "\n");
  };
  EXPECT_FALSE(FineWeb(text(100), p));  // 10/1010 = 0.0099
  ExpectHit(FineWeb(text(99), p), "fineweb_char_dup_ratio", "0.01");  // 10/1000
  ExpectHit(FineWeb(text(98), p), "fineweb_char_dup_ratio", "0.010101010101010102");
  // Blank lines are never duplicates.
  EXPECT_FALSE(FineWeb("a long enough line\n\n\n\nanother line", p));
}

TEST_F(RuleTest, FineWebNewLinesPerWord) {
  auto p = AllOff().fineweb;
  p.new_line_ratio = 0.3;
  EXPECT_FALSE(FineWeb("a b c\nd e f\ng h i\nj", p));                          // 3/10
  ExpectHit(FineWeb("a b c\nd e\nf g h\ni\nj", p), "fineweb_list_ratio", "0.4");  // 4/10
  p.new_line_ratio = 0.189;  // arb_Arab
  ExpectHit(FineWeb("في البيت\nمن الصباح", p), "fineweb_list_ratio", "0.25");  // 1/4
  EXPECT_FALSE(FineWeb("في البيت من\nالصباح حتى المساء", p));                 // 1/6
}

// ---- C4 -------------------------------------------------------------------------------

TEST(C4Test, LineRulesAndSentenceCount) {
  QualityScratch s;
  C4Params p;
  std::string text =
      "The first sentence is here. The second one too.\n"
      "No terminal punctuation here\n"
      "Two words.\n"
      "Please enable JavaScript to continue.\n"
      "Read our privacy policy for details.\n"
      "A cited claim stands here.[12]\n"
      "The last line ends the text!";
  C4Outcome out = ApplyC4(text, p, &s);
  // Kept: 2 + 1 + 1 sentences = 4 < 5.
  ASSERT_TRUE(out.hit);
  EXPECT_EQ(out.hit->rule, "c4_min_sentences");
  EXPECT_EQ(out.hit->value, "4");
  p.min_sentences = 4;
  out = ApplyC4(text, p, &s);
  EXPECT_FALSE(out.hit);
  EXPECT_EQ(out.lines_removed, 4u);
  EXPECT_EQ(s.c4_text,
            "The first sentence is here. The second one too.\n"
            "A cited claim stands here.\n"
            "The last line ends the text!");
  // Without the terminal punctuation rule (the FineWeb recipe), the open line stays.
  p.filter_no_terminal_punct = false;
  out = ApplyC4(text, p, &s);
  EXPECT_EQ(out.lines_removed, 3u);
}

TEST(C4Test, DocumentRules) {
  QualityScratch s;
  C4Params p;
  p.min_sentences.reset();
  C4Outcome out = ApplyC4("Some text here. Lorem ipsum dolor sit amet.", p, &s);
  ASSERT_TRUE(out.hit);
  EXPECT_EQ(out.hit->rule, "c4_lorem_ipsum");
  out = ApplyC4("A function body { return 1; } here.", p, &s);
  ASSERT_TRUE(out.hit);
  EXPECT_EQ(out.hit->rule, "c4_curly_bracket");
  // A word longer than 1000 characters drops its line (datatrove), not the document.
  out = ApplyC4("Fine line is kept.\nword " + std::string(1001, 'x') + " end.", p, &s);
  EXPECT_FALSE(out.hit);
  EXPECT_EQ(out.lines_removed, 1u);
  out = ApplyC4("Fine line is kept.\nword " + std::string(1000, 'x') + " end.", p, &s);
  EXPECT_EQ(out.lines_removed, 0u);
}

TEST(C4Test, FiveSentencesAtThreshold) {
  QualityScratch s;
  C4Params p;
  EXPECT_FALSE(ApplyC4("One is here. Two is here. Three is here. Four is here. Five is here.",
                       p, &s).hit);
  EXPECT_TRUE(ApplyC4("One is here. Two is here. Three is here. Four is here.", p, &s).hit);
}

}  // namespace
}  // namespace ghirbal

namespace ghirbal {
namespace {

// ApplyC4's word count of its output, worked out from the input's words, equals splitting the
// output again.
TEST(C4WordCountTest, EqualsSplittingTheOutput) {
  const std::string texts[] = {
      "First line is kept here.\n\nshort\nA cited line[1] stays in the text.[citation needed]\n"
      "  Trailing spaces line is kept.  \nno end mark here\nLast one, e-mail: a@b.com ok.",
      "عاصمة البلاد هي مدينة جميلة جدا.\nسطر بلا علامة\nهذا سطر آخر طويل بما يكفي.",
      "Words[2]joined by a citation are here.\n{curly} is fine? Not here.\n",
      "Only line without words",
  };
  C4Params p;
  p.min_sentences.reset();
  p.filter_curly_bracket = false;
  for (const std::string& text : texts) {
    QualityScratch s;
    AnalyzeWords(text, &s);
    std::vector<Word> words = s.words;
    C4Outcome out = ApplyC4(text, p, &s, &words);
    ASSERT_FALSE(out.hit) << text;
    std::string result = out.changed ? s.c4_text : text;
    WordSplitter splitter;
    EXPECT_EQ(out.words, splitter.Count(result).words) << text;
  }
}

// Differential: ApplyC4 measuring lines from the words of the text (and finding its phrases
// with one scan) gives the same outcome as decoding and searching every line on its own.
TEST(C4DifferentialTest, WordsPathEqualsLinePath) {
  const std::string pieces[] = {
      "word", "Another", "end.", "ok?", " ", " ", " ", "  ", "\n", "\n", "\n\n", "\r\n",
      "[1]", "[edit]", "[citation needed]", "lorem", "LOREM IPSUM", "ipsum", "JavaScript",
      "{", "Terms of Use", "privacy policy", "uses cookies", "cookies", "polic", "...",
      "\u00A0", "\u3000", "\u2028", "北京大学生前来应聘", "中文", "ไทย", "قال الوزير", "،",
      "\xE3\x80", "\xC2", "\x80", "a-b", "don't", "3.14", "xxxxxxxx", "!", "\"quoted\""};
  std::mt19937 rng(11);
  WordSplitter splitter;
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const size_t n = rng() % 60;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    C4Params p;
    p.remove_citations = rng() % 4 != 0;
    p.filter_no_terminal_punct = rng() % 2 == 0;
    p.filter_lorem_ipsum = rng() % 4 != 0;
    p.filter_javascript = rng() % 4 != 0;
    p.filter_curly_bracket = rng() % 4 != 0;
    p.filter_policy = rng() % 4 != 0;
    if (rng() % 3 == 0) p.min_sentences.reset(); else p.min_sentences = rng() % 4;
    if (rng() % 3 == 0) p.min_words_per_line.reset(); else p.min_words_per_line = rng() % 5;
    if (rng() % 3 == 0) p.max_word_length.reset(); else p.max_word_length = 3 + rng() % 12;
    QualityScratch line_path, words_path;
    C4Outcome a = ApplyC4(text, p, &line_path);
    AnalyzeWords(text, &words_path);
    const std::vector<Word> words = words_path.words;
    C4Outcome b = ApplyC4(text, p, &words_path, &words);
    ASSERT_EQ(a.hit.has_value(), b.hit.has_value()) << text;
    if (a.hit) {
      EXPECT_EQ(a.hit->rule, b.hit->rule) << text;
      EXPECT_EQ(a.hit->value, b.hit->value) << text;
      continue;
    }
    EXPECT_EQ(a.lines_removed, b.lines_removed) << text;
    ASSERT_EQ(a.changed, b.changed) << text;
    if (a.changed) {
      EXPECT_EQ(line_path.c4_text, words_path.c4_text) << text;
    }
    EXPECT_EQ(b.words, splitter.Count(b.changed ? words_path.c4_text : text).words) << text;
  }
}

// Non-overlapping occurrences, like Python's str.count.
size_t PythonCount(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// Differential: Gopher quality's '#' and ellipsis counts, read from the words, equal
// Python's str.count on the text.
TEST(GopherSymbolCountTest, WordsGiveStrCount) {
  const std::string pieces[] = {"word", " ", " ", "\n", "#", "##", ".", "..", "...", "....",
                                ".......", "…", "……", "a.b", "3.14", "e.g.", "x...y", "#tag",
                                "中文。", "\xE2", "\xE2\x80", "!", "قال"};
  std::mt19937 rng(17);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t n = 1 + rng() % 30;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    GopherQualityParams p = AllOff().gopher_quality;
    p.max_symbol_word_ratio = 0;
    QualityScratch s;
    AnalyzeWords(text, &s);
    RuleResult hit = CheckGopherQuality(text, p, &s);
    const double words = static_cast<double>(s.words.size());
    const size_t hashes = PythonCount(text, "#");
    const size_t ellipses = PythonCount(text, "...") + PythonCount(text, "…");
    if (words == 0) {
      EXPECT_FALSE(hit) << text;
    } else if (hashes > 0) {
      ASSERT_TRUE(hit) << text;
      EXPECT_EQ(hit->rule, "gopher_hash_ratio") << text;
      EXPECT_EQ(hit->value, JsonValue(static_cast<double>(hashes) / words)) << text;
    } else if (ellipses > 0) {
      ASSERT_TRUE(hit) << text;
      EXPECT_EQ(hit->rule, "gopher_ellipsis_ratio") << text;
      EXPECT_EQ(hit->value, JsonValue(static_cast<double>(ellipses) / words)) << text;
    } else {
      EXPECT_FALSE(hit) << text;
    }
  }
}

}  // namespace
}  // namespace ghirbal
