#include "html/tokenizer.h"

#include <cstring>

#include "core/utf8.h"
#include "html/entities.h"

namespace ghirbal::html {
namespace {

// Whether `s` holds a byte that text decoding must look at: '&' (with `refs`) or NUL. Two
// memchr passes: std::string_view::find_first_of calls memchr on its set for every byte.
bool NeedsDecoding(std::string_view s, bool refs) {
  return (refs && std::memchr(s.data(), '&', s.size()) != nullptr) ||
         std::memchr(s.data(), '\0', s.size()) != nullptr;
}

inline bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}
inline bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

// Appends `in` decoded (references, NUL dropped) to `out`.
void AppendText(std::string_view in, bool decode_refs, std::string* out) {
  size_t start = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\0') {
      out->append(in.substr(start, i - start));
      start = i + 1;
    } else if (c == '&' && decode_refs) {
      out->append(in.substr(start, i - start));
      size_t used = DecodeCharRef(in, i, /*in_attribute=*/false, out);
      if (used == 0) {
        out->push_back('&');
        used = 1;
      }
      i += used - 1;
      start = i + 1;
    }
  }
  out->append(in.substr(start));
}

// Case-insensitive: does in[pos..] start with `lower` (lower-case ASCII)?
bool StartsWithNoCase(std::string_view in, size_t pos, std::string_view lower) {
  if (in.size() - pos < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(in[pos + i]) != lower[i]) return false;
  }
  return true;
}

}  // namespace

bool Tokenizer::Next(Token* token) {
  token->tag = Tag::kUnknown;
  token->name = {};
  token->text = {};
  token->self_closing = false;
  token->attributes.clear();
  while (pos_ < in_.size()) {
    if (raw_model_ != ContentModel::kNormal) {
      ReadRawText(token);
      if (!token->text.empty()) return true;
      continue;  // empty raw text: go on with the end tag
    }
    if (in_[pos_] == '<' && ReadMarkup(token)) return true;
    if (pos_ >= in_.size()) break;
    ReadText(token);
    if (!token->text.empty()) return true;
  }
  token->type = Token::Type::kEof;
  return false;
}

void Tokenizer::ReadText(Token* token) {
  // Text runs to the next '<' that is not the one at pos_ (ReadMarkup refused it).
  size_t start = pos_;
  size_t search = (in_[pos_] == '<') ? pos_ + 1 : pos_;
  const void* lt = std::memchr(in_.data() + search, '<', in_.size() - search);
  size_t end = lt ? static_cast<const char*>(lt) - in_.data() : in_.size();
  pos_ = end;
  std::string_view run = in_.substr(start, end - start);
  token->type = Token::Type::kText;
  if (!NeedsDecoding(run, /*refs=*/true)) {
    token->text = run;
    return;
  }
  scratch_.clear();
  AppendText(run, /*decode_refs=*/true, &scratch_);
  token->text = scratch_;
}

void Tokenizer::ReadRawText(Token* token) {
  token->type = Token::Type::kText;
  size_t start = pos_;
  size_t end = in_.size();
  if (raw_model_ != ContentModel::kPlainText) {
    size_t search = pos_;
    while (search < in_.size()) {
      const void* lt = std::memchr(in_.data() + search, '<', in_.size() - search);
      if (lt == nullptr) break;
      size_t at = static_cast<const char*>(lt) - in_.data();
      size_t after = at + 2 + raw_name_.size();
      if (at + 1 < in_.size() && in_[at + 1] == '/' &&
          StartsWithNoCase(in_, at + 2, raw_name_) &&
          (after >= in_.size() || IsSpace(in_[after]) || in_[after] == '/' ||
           in_[after] == '>')) {
        end = at;
        break;
      }
      search = at + 1;
    }
  }
  pos_ = end;
  bool rcdata = raw_model_ == ContentModel::kRcData;
  raw_model_ = ContentModel::kNormal;
  std::string_view run = in_.substr(start, end - start);
  if (!NeedsDecoding(run, rcdata)) {
    token->text = run;
    return;
  }
  scratch_.clear();
  AppendText(run, rcdata, &scratch_);
  token->text = scratch_;
}

bool Tokenizer::ReadMarkup(Token* token) {
  size_t start = pos_;  // at '<'
  if (start + 1 >= in_.size()) return false;
  char c = in_[start + 1];
  if (IsAlpha(c)) return ReadTag(token, /*end_tag=*/false);
  if (c == '/') {
    if (start + 2 >= in_.size()) return false;
    char d = in_[start + 2];
    if (IsAlpha(d)) return ReadTag(token, /*end_tag=*/true);
    if (d == '>') {  // "</>": ignored entirely
      pos_ = start + 3;
      token->type = Token::Type::kComment;
      return true;
    }
    ReadBogusComment(token, start + 2);
    return true;
  }
  if (c == '!') {
    if (StartsWithNoCase(in_, start + 2, "--")) {
      size_t body = start + 4;
      token->type = Token::Type::kComment;
      // "<!-->" and "<!--->" are complete (empty) comments.
      if (body < in_.size() && in_[body] == '>') {
        pos_ = body + 1;
        return true;
      }
      if (StartsWithNoCase(in_, body, "->")) {
        pos_ = body + 2;
        return true;
      }
      size_t search = body;
      while (true) {
        size_t dash = in_.find("--", search);
        if (dash == std::string_view::npos) {
          token->text = in_.substr(body);
          pos_ = in_.size();
          return true;
        }
        if (dash + 2 < in_.size() && in_[dash + 2] == '>') {
          token->text = in_.substr(body, dash - body);
          pos_ = dash + 3;
          return true;
        }
        if (StartsWithNoCase(in_, dash + 2, "!>")) {
          token->text = in_.substr(body, dash - body);
          pos_ = dash + 4;
          return true;
        }
        search = dash + 1;
      }
    }
    if (StartsWithNoCase(in_, start + 2, "doctype")) {
      size_t gt = in_.find('>', start);
      size_t end = gt == std::string_view::npos ? in_.size() : gt;
      token->type = Token::Type::kDoctype;
      token->text = in_.substr(start + 9, end > start + 9 ? end - start - 9 : 0);
      pos_ = gt == std::string_view::npos ? in_.size() : gt + 1;
      return true;
    }
    ReadBogusComment(token, start + 2);
    return true;
  }
  if (c == '?') {
    ReadBogusComment(token, start + 1);
    return true;
  }
  return false;
}

void Tokenizer::ReadBogusComment(Token* token, size_t start) {
  size_t gt = in_.find('>', start);
  size_t end = gt == std::string_view::npos ? in_.size() : gt;
  token->type = Token::Type::kComment;
  token->text = in_.substr(start, end - start);
  pos_ = gt == std::string_view::npos ? in_.size() : gt + 1;
}

bool Tokenizer::ReadTag(Token* token, bool end_tag) {
  size_t i = pos_ + (end_tag ? 2 : 1);
  const size_t n = in_.size();
  scratch_.clear();
  spans_.clear();
  size_t name_begin = i;
  while (i < n && !IsSpace(in_[i]) && in_[i] != '/' && in_[i] != '>') ++i;
  scratch_.reserve(i - name_begin);
  for (size_t k = name_begin; k < i; ++k) {
    char ch = in_[k];
    scratch_.push_back(ch == '\0' ? '?' : Lower(ch));
  }
  size_t name_size = scratch_.size();
  bool self_closing = false;
  bool closed = false;
  while (i < n) {
    char ch = in_[i];
    if (IsSpace(ch)) {
      ++i;
      continue;
    }
    if (ch == '>') {
      ++i;
      closed = true;
      break;
    }
    if (ch == '/') {
      ++i;
      if (i < n && in_[i] == '>') {
        self_closing = true;
        ++i;
        closed = true;
        break;
      }
      continue;
    }
    // Attribute name: the first character may be '='.
    AttrSpan span{scratch_.size(), 0, 0, 0, true};
    size_t a = i++;
    while (i < n && !IsSpace(in_[i]) && in_[i] != '/' && in_[i] != '>' && in_[i] != '=') ++i;
    for (size_t k = a; k < i; ++k) scratch_.push_back(Lower(in_[k]));
    span.name_size = i - a;
    while (i < n && IsSpace(in_[i])) ++i;
    if (i < n && in_[i] == '=') {
      ++i;
      while (i < n && IsSpace(in_[i])) ++i;
      size_t vb, ve;
      if (i < n && (in_[i] == '"' || in_[i] == '\'')) {
        char q = in_[i];
        vb = i + 1;
        const void* qp = std::memchr(in_.data() + vb, q, n - vb);
        ve = qp ? static_cast<const char*>(qp) - in_.data() : n;
        i = ve < n ? ve + 1 : n;
      } else {
        vb = i;
        while (i < n && !IsSpace(in_[i]) && in_[i] != '>') ++i;
        ve = i;
      }
      std::string_view raw = in_.substr(vb, ve - vb);
      if (!NeedsDecoding(raw, /*refs=*/true)) {
        span.value_begin = vb;
        span.value_size = ve - vb;
        span.value_in_scratch = false;
      } else {
        span.value_begin = scratch_.size();
        for (size_t k = 0; k < raw.size();) {
          if (raw[k] == '\0') {
            scratch_.append(kUtf8Replacement);
            ++k;
          } else if (raw[k] == '&') {
            size_t used = DecodeCharRef(raw, k, /*in_attribute=*/true, &scratch_);
            if (used == 0) {
              scratch_.push_back('&');
              used = 1;
            }
            k += used;
          } else {
            scratch_.push_back(raw[k++]);
          }
        }
        span.value_size = scratch_.size() - span.value_begin;
      }
    } else {
      span.value_in_scratch = false;
      span.value_begin = 0;
      span.value_size = 0;
    }
    bool duplicate = false;
    std::string_view new_name(scratch_.data() + span.name_begin, span.name_size);
    for (const AttrSpan& s : spans_) {
      if (std::string_view(scratch_.data() + s.name_begin, s.name_size) == new_name) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) spans_.push_back(span);
  }
  if (!closed) {  // cut by the end of input: HTML5 drops the tag
    pos_ = n;
    return false;
  }
  pos_ = i;
  token->type = end_tag ? Token::Type::kEndTag : Token::Type::kStartTag;
  token->name = std::string_view(scratch_.data(), name_size);
  token->tag = LookupTag(token->name);
  token->self_closing = self_closing;
  if (!end_tag) {
    token->attributes.reserve(spans_.size());
    for (const AttrSpan& s : spans_) {
      std::string_view value =
          s.value_in_scratch ? std::string_view(scratch_.data() + s.value_begin, s.value_size)
                             : in_.substr(s.value_begin, s.value_size);
      token->attributes.push_back({std::string_view(scratch_.data() + s.name_begin,
                                                    s.name_size),
                                   value});
    }
    ContentModel model = ContentModelOf(token->tag);
    if (model != ContentModel::kNormal) {
      raw_model_ = model;
      raw_name_.assign(token->name);
    }
  }
  return true;
}

}  // namespace ghirbal::html
