// UrlBlocklist and the `url_filter` stage: rejects documents whose URL is on a blocklist.
//
// Three kinds of lists, each read from plain-text files (one entry per line, '#' comments,
// case-insensitive):
//   - domains: the URL's host or any parent domain is listed ("example.com" blocks
//     "www.example.com" and "a.b.example.com", not "notexample.com");
//   - substrings: the lower-cased URL contains the entry anywhere (Hyperscan literal scan);
//   - words: a word of the URL (maximal runs of ASCII letters and digits, lower-cased) is
//     listed ("casino" blocks "https://x.com/best-casino-bonus", not "/occasional").
// A blocked document is rejected with reason "url_blocklist" and value = the entry that
// matched as a JSON string ("example.com"). Documents without a URL pass.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace ghirbal {

class UrlBlocklist {
 public:
  struct Files {
    std::vector<std::string> domain_files;
    std::vector<std::string> substring_files;
    std::vector<std::string> word_files;
  };
  static Result<std::unique_ptr<UrlBlocklist>> Load(const Files& files);
  // Same, from entries already in memory (lower-cased here).
  static Result<std::unique_ptr<UrlBlocklist>> FromLists(std::vector<std::string> domains,
                                                         std::vector<std::string> substrings,
                                                         std::vector<std::string> words);
  ~UrlBlocklist();

  class Scratch;
  std::unique_ptr<Scratch> NewScratch() const;
  // The entry blocking `url`, or empty when the URL passes.
  std::string Match(std::string_view url, Scratch* scratch) const;

  // The lower-cased host of `url` ("https://User@WWW.Example.com:80/x" -> "www.example.com").
  static std::string_view Host(std::string_view url);

 private:
  UrlBlocklist() = default;
  std::unordered_set<std::string> domains_;
  std::unordered_set<std::string> words_;
  std::vector<std::string> substrings_;
  struct Database;
  std::unique_ptr<Database> db_;
};

class UrlBlocklist::Scratch {
 public:
  ~Scratch();

 private:
  friend class UrlBlocklist;
  void* hs_scratch_ = nullptr;
  std::string lower;
};

}  // namespace ghirbal
