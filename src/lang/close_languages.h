// Close languages told apart by their spelling.
//
// CLD2 confuses a few pairs of close standard languages even on long text, and reports the wrong
// one as reliable: Bosnian, Croatian and Serbian; Serbian and Macedonian in Cyrillic; Scots and
// Interlingua, which it calls English; Kirundi, which it calls Kinyarwanda; Indonesian, which it
// calls Malay. Each of these has spellings the other does not use:
//
//   - Serbian is written ekavian (gde, pre, vreme, primer, čovek) where Bosnian and Croatian are
//     ijekavian (gdje, prije, vrijeme, primjer, čovjek); Croatian says tko/nitko/svatko, tisuća,
//     znanost, glazba, tjedan where Bosnian and Serbian say ko/niko/svako, hiljada, nauka,
//     muzika, sedmica;
//   - Serbian Cyrillic has ђ ћ and the word је, Macedonian ѓ ќ ѕ and the word е; Croatian is
//     never written in Cyrillic (a model's hr on Cyrillic text is read as sr);
//   - Scots writes o, tae, wi, nae, frae, richt, whilk, ither for of, to, with, no, from,
//     right, which, other; Interlingua has le, del, e, es, esser, que where English has the,
//     of, and, is, be, that;
//   - Kirundi writes vy (ivyo, vyose) where Kinyarwanda writes by and cy (ibyo, byose, icyo);
//   - Indonesian spells bahwa, karena, kualitas, bagian where Malay spells bahawa, kerana,
//     kualiti, bahagian.
//
// Counting these signs settles what the model only guesses. The lists are spelling rules and
// the most frequent words that carry them, taken from the languages' standards, not from any
// evaluation text; they are in close_languages.cc with the reason for each group.
#pragma once

#include <string>
#include <string_view>

namespace ghirbal {

// The language the spelling of `text` supports within the group of close languages that
// `model_language` (canonical code, the model's first choice) belongs to, when the text is in
// the group's script (`script`, ISO 15924 of the text's letters). Returns `model_language`
// unchanged when it is in no group, when the signs are too few (each group needs a minimum
// count for its winner and a lead over the others), or when they agree with the model.
// Thread-safe; reads at most the first 64 KB of `text`.
std::string DisambiguateCloseLanguages(std::string_view text, std::string_view script,
                                       std::string_view model_language);

}  // namespace ghirbal
