// Language labels: every model's label turned into ghirbal's codes.
//
// ghirbal names a language by its ISO 639-1 code where one exists, else its ISO 639-3 code,
// and a script by its ISO 15924 code. Models and pages spell labels many ways: lid.176
// ("__label__ar"), OpenLID and GlotLID ("__label__arb_Arab"), CLD2 ("zh-Hant", "iw"), HTML
// lang attributes ("fa-AF", "ar_EG"). CanonicalLanguage maps them all to the same codes.
#pragma once

#include <string>
#include <string_view>

namespace ghirbal {

struct LanguageLabel {
  std::string language;  // "ar", "fa", "ckb", ...; "und" when unknown
  std::string script;    // ISO 15924 ("Arab", "Hans") when the label names one, else empty
};

// Parses a label: strips a fastText "__label__" prefix, splits subtags at '-' or '_', lower-cases
// the language, maps ISO 639-3 (and 639-2) codes to ISO 639-1 where one exists (via ICU), maps
// individual languages to the macrolanguage code people use (arb->ar, pes/prs->fa,
// pbu/pbt/pst->ps, cmn->zh, zsm->ms, azj->az, kmr->ku, ...; dialects such as arz or ary and
// languages without a 639-1 code such as ckb or azb stay), replaces deprecated codes
// (iw->he, in->id, ji->yi, jw->jv, mo->ro, no->nb), and keeps a 4-letter script subtag. Region
// subtags are dropped, except that zh-TW/zh-HK/zh-MO imply "Hant" and zh-CN/zh-SG "Hans".
// Empty, "un", "unk", "xx", "zxx" and "und" give "und". Thread-safe.
LanguageLabel CanonicalLanguage(std::string_view label);

}  // namespace ghirbal
