#include "html/tags.h"

#include "html/name_index.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace ghirbal::html {
namespace {

constexpr std::string_view kNames[] = {
    "",
#define X(id, name) name,
#include "html/tag_list.inc"
#undef X
};
static_assert(std::size(kNames) == static_cast<size_t>(Tag::kCount));

enum Flag : uint8_t {
  kVoid = 1,
  kClosesP = 2,
  kBlock = 4,
  kHeading = 8,
};

constexpr std::array<uint8_t, static_cast<size_t>(Tag::kCount)> MakeFlags() {
  std::array<uint8_t, static_cast<size_t>(Tag::kCount)> f{};
  auto set = [&f](Tag t, uint8_t bits) { f[static_cast<size_t>(t)] |= bits; };
  for (Tag t : {Tag::kArea, Tag::kBase, Tag::kBr, Tag::kCol, Tag::kEmbed, Tag::kHr, Tag::kImg,
                Tag::kInput, Tag::kLink, Tag::kMeta, Tag::kParam, Tag::kSource, Tag::kTrack,
                Tag::kWbr, Tag::kFrame}) {
    set(t, kVoid);
  }
  for (Tag t : {Tag::kAddress, Tag::kArticle, Tag::kAside, Tag::kBlockquote, Tag::kCenter,
                Tag::kDetails, Tag::kDialog, Tag::kDir, Tag::kDiv, Tag::kDl, Tag::kFieldset,
                Tag::kFigcaption, Tag::kFigure, Tag::kFooter, Tag::kForm, Tag::kH1, Tag::kH2,
                Tag::kH3, Tag::kH4, Tag::kH5, Tag::kH6, Tag::kHeader, Tag::kHgroup, Tag::kHr,
                Tag::kListing, Tag::kMain, Tag::kMenu, Tag::kNav, Tag::kOl, Tag::kP,
                Tag::kPlaintext, Tag::kPre, Tag::kSearch, Tag::kSection, Tag::kSummary,
                Tag::kTable, Tag::kUl, Tag::kXmp}) {
    set(t, kClosesP | kBlock);
  }
  for (Tag t : {Tag::kLi, Tag::kDd, Tag::kDt, Tag::kTr, Tag::kTd, Tag::kTh, Tag::kCaption,
                Tag::kTbody, Tag::kThead, Tag::kTfoot, Tag::kBody, Tag::kHtml, Tag::kOption,
                Tag::kTextarea, Tag::kLegend, Tag::kFrameset, Tag::kNoscript, Tag::kVideo,
                Tag::kAudio, Tag::kBr}) {
    set(t, kBlock);
  }
  for (Tag t : {Tag::kH1, Tag::kH2, Tag::kH3, Tag::kH4, Tag::kH5, Tag::kH6}) set(t, kHeading);
  return f;
}

constexpr auto kFlags = MakeFlags();

bool Has(Tag tag, uint8_t bit) { return (kFlags[static_cast<size_t>(tag)] & bit) != 0; }

}  // namespace

Tag LookupTag(std::string_view lower_name) {
  static const NameIndex index(kNames);
  const int i = index.Find(lower_name);
  return i < 0 ? Tag::kUnknown : static_cast<Tag>(i);
}

std::string_view TagName(Tag tag) { return kNames[static_cast<size_t>(tag)]; }

ContentModel ContentModelOf(Tag tag) {
  switch (tag) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kXmp:
    case Tag::kIframe:
    case Tag::kNoembed:
    case Tag::kNoframes:
    case Tag::kNoscript:
      return ContentModel::kRawText;
    case Tag::kTitle:
    case Tag::kTextarea:
      return ContentModel::kRcData;
    case Tag::kPlaintext:
      return ContentModel::kPlainText;
    default:
      return ContentModel::kNormal;
  }
}

bool IsVoid(Tag tag) { return Has(tag, kVoid); }
bool ClosesParagraph(Tag tag) { return Has(tag, kClosesP); }
bool IsBlock(Tag tag) { return Has(tag, kBlock); }
bool IsHeading(Tag tag) { return Has(tag, kHeading); }

}  // namespace ghirbal::html
