#include "lang/close_languages.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <span>
#include <unordered_map>

#include "core/utf8.h"

namespace ghirbal {
namespace {

// A sign is a spelling that supports some languages of its group: bit i of `languages` stands
// for the group's i-th language. A word sign matches a whole word, a prefix sign the start of a
// word, a letters sign any place in a word (each occurrence counts).
struct Sign {
  std::string_view text;
  uint8_t languages;
};

struct Group {
  std::string_view script;
  std::array<std::string_view, 3> languages;  // "" when fewer
  std::span<const Sign> words;
  std::span<const Sign> prefixes;
  std::span<const Sign> letters;
  // The best-supported language (the first of equals, so the group lists the one to prefer
  // first) replaces the model's pick when it has at least `min_points` signs, `min_lead` more
  // than the model's pick, and `min_distinct` different signs against the model's pick (so that
  // a one-letter word repeated in a text of another language, o or e, does not make it Scots or
  // Interlingua). Bosnian and Serbian share ko/svako: against a model that said Croatian they
  // tie, and Bosnian, listed first, is taken.
  int min_points;
  int min_lead;
  int min_distinct;
};

// --- Bosnian, Croatian, Serbian in Latin script ---------------------------------------------
// The reflex of the old vowel yat: Serbian (as written in Serbia) is ekavian, Bosnian and
// Croatian ijekavian; only forms that differ are listed (vremena, the genitive, is the same in
// both, so only vreme/vrijeme are). Then vocabulary where Croatian differs from the other two
// (tko, tisuća, znanost, glazba, tjedan, month names) or Bosnian from Serbian (historija vs
// istorija). Serbian written ijekavian (Montenegro, Republika Srpska) is read as Bosnian or
// Croatian: the standards of Serbia are what the code `sr` names here.
constexpr uint8_t kBs = 1, kHr = 2, kSr = 4, kBsHr = kBs | kHr, kBsSr = kBs | kSr;
constexpr Sign kSlavicWords[] = {
    // ekavian
    {"gde", kSr}, {"ovde", kSr}, {"onde", kSr}, {"negde", kSr}, {"nigde", kSr}, {"svugde", kSr},
    {"pre", kSr}, {"posle", kSr}, {"uvek", kSr}, {"vreme", kSr}, {"deca", kSr}, {"dece", kSr},
    {"deci", kSr}, {"decu", kSr}, {"decom", kSr}, {"dete", kSr}, {"deteta", kSr},
    {"detetu", kSr}, {"reč", kSr}, {"reči", kSr}, {"sme", kSr}, {"smeju", kSr}, {"lep", kSr},
    {"lepa", kSr}, {"lepo", kSr}, {"ceo", kSr}, {"cela", kSr}, {"celo", kSr}, {"celi", kSr},
    {"celu", kSr}, {"celog", kSr}, {"celoj", kSr}, {"celom", kSr}, {"čovek", kSr},
    {"čoveka", kSr}, {"čoveku", kSr}, {"čovekom", kSr}, {"sever", kSr}, {"mera", kSr},
    {"mere", kSr}, {"meru", kSr}, {"merama", kSr}, {"vek", kSr}, {"veka", kSr}, {"veku", kSr},
    {"dve", kSr}, {"deo", kSr}, {"telo", kSr}, {"tela", kSr}, {"telu", kSr}, {"hteo", kSr},
    {"htela", kSr}, {"hteli", kSr}, {"želeo", kSr}, {"želela", kSr}, {"videti", kSr},
    {"razumeti", kSr}, {"živeti", kSr}, {"vest", kSr}, {"vesti", kSr}, {"levo", kSr},
    {"cena", kSr}, {"cene", kSr}, {"cenu", kSr}, {"reka", kSr}, {"reke", kSr}, {"sneg", kSr},
    // ijekavian
    {"gdje", kBsHr}, {"ovdje", kBsHr}, {"ondje", kBsHr}, {"negdje", kBsHr}, {"nigdje", kBsHr},
    {"svugdje", kBsHr}, {"prije", kBsHr}, {"poslije", kBsHr}, {"uvijek", kBsHr},
    {"vrijeme", kBsHr}, {"djeca", kBsHr}, {"djece", kBsHr}, {"djeci", kBsHr}, {"djecu", kBsHr},
    {"djecom", kBsHr}, {"dijete", kBsHr}, {"djeteta", kBsHr}, {"djetetu", kBsHr},
    {"smije", kBsHr}, {"smiju", kBsHr}, {"vijek", kBsHr}, {"vijeka", kBsHr}, {"vijeku", kBsHr},
    {"dvije", kBsHr}, {"dio", kBsHr}, {"djelo", kBsHr}, {"djela", kBsHr}, {"djelu", kBsHr},
    {"htio", kBsHr}, {"htjela", kBsHr}, {"htjeli", kBsHr}, {"želio", kBsHr},
    {"vidjeti", kBsHr}, {"razumjeti", kBsHr}, {"živjeti", kBsHr}, {"lijevo", kBsHr},
    // Croatian words
    {"tko", kHr}, {"nitko", kHr}, {"svatko", kHr}, {"netko", kHr}, {"itko", kHr},
    {"kazneno", kHr}, {"kaznenog", kHr}, {"kaznenom", kHr}, {"kaznena", kHr}, {"kazneni", kHr},
    {"tjedan", kHr}, {"vlak", kHr}, {"vlaka", kHr}, {"kruh", kHr}, {"stupanj", kHr},
    {"tijekom", kHr},
    // Bosnian and Serbian words
    {"ko", kBsSr}, {"niko", kBsSr}, {"svako", kBsSr}, {"neko", kBsSr}, {"iko", kBsSr},
    {"šta", kBsSr}, {"išta", kBsSr}, {"tokom", kBsSr}, {"voz", kBsSr}, {"voza", kBsSr},
    // Serbian words
    {"takođe", kSr},
};
constexpr Sign kSlavicPrefixes[] = {
    // ekavian
    {"predsedn", kSr}, {"posledic", kSr}, {"posledn", kSr}, {"sused", kSr}, {"sedišt", kSr},
    {"sednic", kSr}, {"obezbe", kSr}, {"bezbedn", kSr}, {"rešenj", kSr}, {"rešava", kSr},
    {"pobed", kSr}, {"lekar", kSr}, {"delatn", kSr}, {"delovanj", kSr}, {"delimičn", kSr},
    {"odeljen", kSr}, {"promen", kSr}, {"smernic", kSr}, {"namer", kSr}, {"primer", kSr},
    {"primen", kSr}, {"izmen", kSr}, {"zamen", kSr}, {"menja", kSr}, {"mesec", kSr},
    {"smešt", kSr}, {"ocen", kSr}, {"uveren", kSr}, {"veroisp", kSr}, {"verova", kSr},
    {"obavešt", kSr}, {"izvešt", kSr}, {"nasled", kSr}, {"sledeć", kSr},
    {"mest", kSr}, {"zahtev", kSr}, {"savet", kSr}, {"uspeh", kSr}, {"uspeš", kSr},
    {"izbeglic", kSr}, {"nemačk", kSr}, {"porekl", kSr}, {"stoleć", kSr}, {"svetsk", kSr},
    {"svetl", kSr}, {"sećanj", kSr}, {"telesn", kSr}, {"ponedelj", kSr}, {"nedelj", kSr},
    {"pesm", kSr}, {"devojk", kSr}, {"belež", kSr}, {"lepot", kSr}, {"zvezd", kSr},
    {"mlek", kSr}, {"razumevanj", kSr}, {"hleb", kSr},
    // ijekavian
    {"predsjedn", kBsHr}, {"posljedic", kBsHr}, {"posljedn", kBsHr}, {"susjed", kBsHr},
    {"sjedišt", kBsHr}, {"sjednic", kBsHr}, {"rješenj", kBsHr}, {"rješava", kBsHr},
    {"riješ", kBsHr}, {"pobjed", kBsHr}, {"ljekar", kBsHr}, {"lijek", kBsHr}, {"liječ", kBsHr},
    {"djelatn", kBsHr}, {"djelovanj", kBsHr}, {"djelomičn", kBsHr}, {"odjel", kBsHr},
    {"promjen", kBsHr}, {"smjer", kBsHr}, {"namjer", kBsHr}, {"primjer", kBsHr},
    {"primjen", kBsHr}, {"izmjen", kBsHr}, {"zamjen", kBsHr}, {"mijenja", kBsHr},
    {"mjesec", kBsHr}, {"smješt", kBsHr}, {"ocjen", kBsHr}, {"uvjeren", kBsHr},
    {"vjeroisp", kBsHr}, {"vjerova", kBsHr}, {"svijest", kBsHr}, {"obavješt", kBsHr},
    {"izvješt", kBsHr}, {"naslijed", kBsHr}, {"sljedeć", kBsHr}, {"slijed", kBsHr},
    {"mjest", kBsHr}, {"zahtjev", kBsHr}, {"savjet", kBsHr}, {"uspjeh", kBsHr},
    {"uspješ", kBsHr}, {"izbjeglic", kBsHr}, {"njemačk", kBsHr}, {"porijekl", kBsHr},
    {"stoljeć", kBsHr}, {"svjetsk", kBsHr}, {"svjetl", kBsHr}, {"sjećanj", kBsHr},
    {"tjelesn", kBsHr}, {"ponedjelj", kBsHr}, {"nedjelj", kBsHr}, {"pjesm", kBsHr},
    {"djevojk", kBsHr}, {"ljepot", kBsHr}, {"zvijezd", kBsHr}, {"mlijek", kBsHr},
    {"razumijevanj", kBsHr}, {"riječ", kBsHr}, {"lijep", kBsHr}, {"cijel", kBsHr},
    {"čovjek", kBsHr}, {"sjever", kBsHr}, {"mjer", kBsHr}, {"tijel", kBsHr}, {"vijest", kBsHr},
    {"cijen", kBsHr}, {"rijek", kBsHr}, {"snijeg", kBsHr}, {"htjet", kBsHr}, {"željel", kBsHr},
    // Croatian words
    {"tisuć", kHr}, {"znanstven", kHr}, {"znanost", kHr}, {"sveučilišt", kHr}, {"glazb", kHr},
    {"kemij", kHr}, {"zrakoplov", kHr}, {"tjedn", kHr}, {"povijes", kHr}, {"točn", kHr},
    {"točk", kHr}, {"suradn", kHr}, {"surađ", kHr}, {"stupnj", kHr}, {"izvješć", kHr},
    {"europ", kHr}, {"siječ", kHr}, {"veljač", kHr}, {"ožujk", kHr}, {"travnj", kHr},
    {"svibnj", kHr}, {"lipnj", kHr}, {"srpnj", kHr}, {"kolovoz", kHr}, {"rujn", kHr},
    {"listopad", kHr}, {"prosin", kHr}, {"gospodarstv", kHr}, {"gospodarsk", kHr},
    {"mirovin", kHr}, {"tvrtk", kHr}, {"putovnic", kHr}, {"kolodvor", kHr}, {"tvornic", kHr},
    {"kazališt", kHr}, {"osobn", kHr}, {"nogomet", kHr}, {"priopć", kHr},
    // Bosnian and Serbian words
    {"hiljad", kBsSr}, {"naučn", kBsSr}, {"nauk", kBsSr}, {"krivičn", kBsSr},
    {"univerzitet", kBsSr}, {"muzik", kBsSr}, {"hemij", kBsSr}, {"vazduh", kBsSr},
    {"tačn", kBsSr}, {"tačk", kBsSr}, {"saradn", kBsSr}, {"sarađ", kBsSr}, {"stepen", kBsSr},
    {"evrop", kBsSr}, {"porodic", kBsSr}, {"uslov", kBsSr}, {"učestv", kBsSr},
    {"sedmic", kBsSr}, {"fabrik", kBsSr}, {"pasoš", kBsSr}, {"penzij", kBsSr},
    {"privred", kBsSr}, {"preduzeć", kBsSr}, {"ličn", kBsSr}, {"fudbal", kBsSr},
    {"januar", kBsSr}, {"februar", kBsSr}, {"septemb", kBsSr}, {"oktob", kBsSr},
    {"novemb", kBsSr}, {"decemb", kBsSr},
    // Serbian words
    {"istorij", kSr}, {"opšt", kSr}, {"uopšt", kSr}, {"saopšt", kSr}, {"avgust", kSr},
    // Bosnian words
    {"historij", kBs}, {"lahk", kBs}, {"hljeb", kBs}, {"kahv", kBs}, {"saopć", kBs},
};

// --- Serbian and Macedonian in Cyrillic -----------------------------------------------------
// The alphabets differ by three letters each (Serbian ђ ћ, Macedonian ѓ ќ ѕ); the commonest
// words differ too: Serbian је 'is', у 'in', који/које, свако; Macedonian е, во, кои/кое,
// секој, со 'with', ги 'them'.
constexpr uint8_t kCyrSr = 1, kCyrMk = 2;
constexpr Sign kCyrillicWords[] = {
    {"је", kCyrSr},  {"у", kCyrSr},   {"који", kCyrSr}, {"које", kCyrSr}, {"свако", kCyrSr},
    {"сваки", kCyrSr}, {"са", kCyrSr}, {"нити", kCyrSr},
    {"е", kCyrMk},   {"во", kCyrMk},  {"кои", kCyrMk},  {"кое", kCyrMk},  {"секој", kCyrMk},
    {"секоја", kCyrMk}, {"секое", kCyrMk}, {"со", kCyrMk}, {"ги", kCyrMk}, {"ниту", kCyrMk},
};
constexpr Sign kCyrillicLetters[] = {
    {"ђ", kCyrSr}, {"ћ", kCyrSr}, {"ѓ", kCyrMk}, {"ќ", kCyrMk}, {"ѕ", kCyrMk},
};

// --- English, Scots, Interlingua ------------------------------------------------------------
// Scots spells many common words its own way (o, tae, wi, nae, frae, richt); English has the
// other spelling, and both share the, and, is... Interlingua's function words (le, del, e, es,
// que, con, esser) are not English, and it has none of English's; its words that are also
// English words (per, non, un, sin, pro) are left out.
constexpr uint8_t kEn = 1, kSco = 2, kIa = 4, kEnSco = kEn | kSco;
constexpr Sign kEnglishWords[] = {
    // shared by English and Scots
    {"the", kEnSco}, {"and", kEnSco}, {"is", kEnSco}, {"that", kEnSco}, {"for", kEnSco},
    {"it", kEnSco}, {"as", kEnSco}, {"on", kEnSco}, {"by", kEnSco}, {"be", kEnSco},
    {"are", kEnSco}, {"this", kEnSco}, {"have", kEnSco}, {"or", kEnSco}, {"not", kEnSco},
    {"at", kEnSco}, {"his", kEnSco}, {"they", kEnSco}, {"you", kEnSco}, {"we", kEnSco},
    {"will", kEnSco}, {"can", kEnSco}, {"but", kEnSco}, {"were", kEnSco}, {"been", kEnSco},
    {"there", kEnSco}, {"than", kEnSco},
    // English spellings that Scots writes otherwise
    {"of", kEn}, {"from", kEn}, {"with", kEn}, {"which", kEn}, {"has", kEn}, {"was", kEn},
    {"right", kEn}, {"rights", kEn}, {"other", kEn}, {"more", kEn}, {"most", kEn},
    {"where", kEn}, {"when", kEn}, {"who", kEn}, {"whose", kEn}, {"about", kEn}, {"out", kEn},
    {"down", kEn}, {"into", kEn}, {"own", kEn}, {"nobody", kEn}, {"everyone", kEn},
    {"everybody", kEn}, {"one", kEn}, {"two", kEn}, {"any", kEn}, {"many", kEn},
    {"should", kEn}, {"would", kEn}, {"could", kEn}, {"night", kEn}, {"might", kEn},
    {"good", kEn}, {"house", kEn}, {"head", kEn}, {"home", kEn}, {"old", kEn}, {"small", kEn},
    {"before", kEn}, {"after", kEn}, {"between", kEn}, {"our", kEn}, {"them", kEn},
    {"their", kEn}, {"these", kEn}, {"those", kEn}, {"myself", kEn}, {"himself", kEn},
    {"herself", kEn}, {"country", kEn}, {"town", kEn}, {"language", kEn},
    // Scots
    {"o", kSco}, {"tae", kSco}, {"wi", kSco}, {"nae", kSco}, {"frae", kSco}, {"fae", kSco},
    {"ane", kSco}, {"hes", kSco}, {"wes", kSco}, {"wis", kSco}, {"whilk", kSco},
    {"ither", kSco}, {"mair", kSco}, {"maist", kSco}, {"whaur", kSco}, {"whan", kSco},
    {"wha", kSco}, {"whase", kSco}, {"aboot", kSco}, {"oot", kSco}, {"doon", kSco},
    {"intae", kSco}, {"ontae", kSco}, {"ain", kSco}, {"naebody", kSco}, {"awbody", kSco},
    {"awthing", kSco}, {"naething", kSco}, {"ony", kSco}, {"onybody", kSco}, {"mony", kSco},
    {"shoud", kSco}, {"coud", kSco}, {"wad", kSco}, {"micht", kSco}, {"nicht", kSco},
    {"guid", kSco}, {"hoose", kSco}, {"heid", kSco}, {"hame", kSco}, {"auld", kSco},
    {"sma", kSco}, {"afore", kSco}, {"efter", kSco}, {"atween", kSco}, {"oor", kSco},
    {"thaim", kSco}, {"thair", kSco}, {"thir", kSco}, {"thae", kSco}, {"masel", kSco},
    {"himsel", kSco}, {"hersel", kSco}, {"richt", kSco}, {"richts", kSco}, {"isnae", kSco},
    {"cannae", kSco}, {"dinnae", kSco}, {"disnae", kSco}, {"wasnae", kSco}, {"didnae", kSco},
    {"kintra", kSco}, {"leid", kSco}, {"toun", kSco}, {"ilka", kSco}, {"bairns", kSco},
    {"aw", kSco}, {"gie", kSco}, {"kent", kSco},
    // Interlingua
    {"le", kIa}, {"del", kIa}, {"al", kIa}, {"e", kIa}, {"es", kIa}, {"esser", kIa},
    {"ha", kIa}, {"que", kIa}, {"con", kIa}, {"su", kIa},
    {"tote", kIa}, {"totes", kIa}, {"omne", kIa}, {"ille", kIa}, {"illo", kIa}, {"illa", kIa},
    {"illes", kIa}, {"iste", kIa}, {"isto", kIa}, {"ista", kIa}, {"etiam", kIa},
    {"anque", kIa}, {"qual", kIa}, {"quales", kIa}, {"debe", kIa},
    {"pote", kIa}, {"lor", kIa}, {"nulle", kIa}, {"alcun", kIa}, {"sia", kIa},
    {"tamben", kIa}, {"ubi", kIa}, {"sed", kIa}, {"inter", kIa}, {"qui", kIa}, {"como", kIa},
};

// --- Kinyarwanda and Kirundi ----------------------------------------------------------------
// Class 8 and other concords: Kinyarwanda by/cy/jy/shy (ibyo, byose, icyo, cyangwa, gushyika),
// Kirundi vy, c and sh (ivyo, vyose, ico, canke, gushika).
constexpr uint8_t kRw = 1, kRn = 2;
constexpr Sign kRwandaLetters[] = {
    {"vy", kRn}, {"by", kRw}, {"cy", kRw}, {"jy", kRw}, {"shy", kRw}};

// --- Indonesian and Malay -------------------------------------------------------------------
// Spellings fixed differently by the two standards (bahwa/bahawa, karena/kerana,
// bagian/bahagian, -itas/-iti, Agustus/Ogos) and common words one of them does not use.
constexpr uint8_t kId = 1, kMs = 2;
constexpr Sign kMalayWords[] = {
    {"bahwa", kId}, {"karena", kId}, {"uang", kId}, {"kantor", kId}, {"mobil", kId},
    {"telepon", kId}, {"dokter", kId}, {"inggris", kId}, {"bagian", kId}, {"berbeda", kId},
    {"kewajiban", kId}, {"nggak", kId}, {"enggak", kId}, {"udah", kId}, {"banget", kId},
    {"agustus", kId}, {"desember", kId}, {"juni", kId}, {"juli", kId}, {"jumat", kId},
    {"kamis", kId}, {"silakan", kId}, {"perserikatan", kId}, {"kualitas", kId},
    {"universitas", kId}, {"aktivitas", kId}, {"fasilitas", kId}, {"identitas", kId},
    {"komunitas", kId}, {"mayoritas", kId}, {"prioritas", kId}, {"kapasitas", kId},
    {"bahawa", kMs}, {"kerana", kMs}, {"wang", kMs}, {"pejabat", kMs}, {"kereta", kMs},
    {"telefon", kMs}, {"doktor", kMs}, {"inggeris", kMs}, {"bahagian", kMs}, {"berbeza", kMs},
    {"kewajipan", kMs}, {"sebarang", kMs}, {"sesiapa", kMs}, {"sahaja", kMs}, {"ogos", kMs},
    {"disember", kMs}, {"julai", kMs}, {"khamis", kMs}, {"jumaat", kMs}, {"selepas", kMs},
    {"semasa", kMs}, {"perlembagaan", kMs}, {"pertubuhan", kMs}, {"syarikat", kMs},
    {"hendaklah", kMs}, {"kualiti", kMs}, {"universiti", kMs}, {"aktiviti", kMs},
    {"fasiliti", kMs}, {"identiti", kMs}, {"komuniti", kMs}, {"majoriti", kMs},
    {"prioriti", kMs}, {"kapasiti", kMs},
};

const Group kGroups[] = {
    {"Latn", {"bs", "hr", "sr"}, kSlavicWords, kSlavicPrefixes, {}, 2, 1, 1},
    {"Cyrl", {"sr", "mk", ""}, kCyrillicWords, {}, kCyrillicLetters, 2, 2, 1},
    {"Latn", {"en", "sco", "ia"}, kEnglishWords, {}, {}, 3, 2, 3},
    {"Latn", {"rw", "rn", ""}, {}, {}, kRwandaLetters, 2, 2, 1},
    {"Latn", {"id", "ms", ""}, kMalayWords, {}, {}, 1, 1, 1},
};

// A group's word signs, with a cheap pre-check: most words of a text are not signs, and their
// length or first byte says so without hashing them.
struct WordIndex {
  std::unordered_map<std::string_view, Sign> words;
  uint64_t lengths = 0;                  // bit n: some sign has n bytes (n < 64)
  std::array<bool, 256> first_bytes{};  // some sign starts with this byte

  // The word's sign (it lives as long as the program), or nullptr.
  const Sign* Find(std::string_view word) const {
    if (word.size() >= 64 || !((lengths >> word.size()) & 1) ||
        !first_bytes[static_cast<unsigned char>(word[0])]) {
      return nullptr;
    }
    auto it = words.find(word);
    return it == words.end() ? nullptr : &it->second;
  }
};

const WordIndex& WordIndexOf(size_t group) {
  static const auto* index = [] {
    auto* all = new std::array<WordIndex, std::size(kGroups)>();
    for (size_t g = 0; g < std::size(kGroups); ++g) {
      WordIndex& w = (*all)[g];
      for (const Sign& s : kGroups[g].words) {
        Sign& sign = w.words.try_emplace(s.text, Sign{s.text, 0}).first->second;
        sign.languages |= s.languages;
        w.lengths |= uint64_t{1} << s.text.size();
        w.first_bytes[static_cast<unsigned char>(s.text[0])] = true;
      }
    }
    return all;
  }();
  return (*index)[group];
}

// Lower case for the alphabets the groups use: ASCII, Latin-1, Latin Extended-A, Cyrillic.
char32_t Lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x137) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) > 0;
}

constexpr size_t kMaxScanBytes = 64 * 1024;
constexpr size_t kMaxWordBytes = 64;  // longer "words" (URLs, junk) are skipped

// A word being read, in a fixed buffer: a longer "word" (a URL, junk) is marked and skipped.
class WordBuffer {
 public:
  bool empty() const { return size_ == 0 && !too_long_; }
  void Push(char c) {
    if (size_ < kMaxWordBytes) {
      bytes_[size_++] = c;
    } else {
      too_long_ = true;
    }
  }
  void PushCodePoint(char32_t c) {
    char utf8[4];
    size_t n = EncodeUtf8(c, utf8);
    for (size_t i = 0; i < n; ++i) Push(utf8[i]);
  }
  // The word, or "" when it was too long.
  std::string_view view() const {
    return too_long_ ? std::string_view() : std::string_view(bytes_, size_);
  }
  void Clear() {
    size_ = 0;
    too_long_ = false;
  }

 private:
  static size_t EncodeUtf8(char32_t c, char* out) {
    if (c < 0x80) {
      out[0] = static_cast<char>(c);
      return 1;
    }
    if (c < 0x800) {
      out[0] = static_cast<char>(0xC0 | (c >> 6));
      out[1] = static_cast<char>(0x80 | (c & 0x3F));
      return 2;
    }
    if (c < 0x10000) {
      out[0] = static_cast<char>(0xE0 | (c >> 12));
      out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[2] = static_cast<char>(0x80 | (c & 0x3F));
      return 3;
    }
    out[0] = static_cast<char>(0xF0 | (c >> 18));
    out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (c & 0x3F));
    return 4;
  }

  char bytes_[kMaxWordBytes];
  size_t size_ = 0;
  bool too_long_ = false;
};

// Calls fn(word) for every lower-cased word of text; an apostrophe between letters is part of
// the word (o'clock), elsewhere it separates.
template <typename Fn>
void ForEachWord(std::string_view text, Fn&& fn) {
  WordBuffer word;
  size_t end = std::min(text.size(), kMaxScanBytes);
  bool pending_apostrophe = false;
  auto flush = [&] {
    if (std::string_view w = word.view(); !w.empty()) fn(w);
    word.Clear();
    pending_apostrophe = false;
  };
  for (size_t i = 0; i < end;) {
    char32_t c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !pending_apostrophe) {  // ASCII: the common case
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        word.Push(static_cast<char>(c | 0x20));
        ++i;
        continue;
      }
      if (c != '\'') {
        flush();
        ++i;
        continue;
      }
    }
    size_t len = 1;
    if (c >= 0x80) {
      len = DecodeUtf8(text.data() + i, text.size() - i, &c);
      if (len == 0) {
        c = ' ';
        len = 1;
      }
    }
    i += len;
    if (IsWordChar(c)) {
      if (pending_apostrophe) word.Push('\'');
      pending_apostrophe = false;
      word.PushCodePoint(Lower(c));
      continue;
    }
    if ((c == '\'' || c == 0x2019) && !word.empty() && !pending_apostrophe) {
      pending_apostrophe = true;
      continue;
    }
    flush();
  }
  flush();
}

}  // namespace

std::string DisambiguateCloseLanguages(std::string_view text, std::string_view script,
                                       std::string_view model_language) {
  // Croatian is never written in Cyrillic: a model that says so has read Serbian.
  if (script == "Cyrl" && model_language == "hr") model_language = "sr";
  for (size_t g = 0; g < std::size(kGroups); ++g) {
    const Group& group = kGroups[g];
    if (group.script != script) continue;
    int model_index = -1;
    for (int i = 0; i < 3; ++i) {
      if (!group.languages[i].empty() && group.languages[i] == model_language) model_index = i;
    }
    if (model_index < 0) continue;

    std::array<int, 3> points{};
    // Distinct signs seen against the model's pick (a few are enough to know).
    std::array<const Sign*, 16> against{};
    size_t against_count = 0;
    const uint8_t model_bit = static_cast<uint8_t>(1u << model_index);
    auto add = [&](const Sign* sign) {
      for (int i = 0; i < 3; ++i) points[i] += (sign->languages >> i) & 1;
      if ((sign->languages & model_bit) == 0 && against_count < against.size() &&
          std::find(against.begin(), against.begin() + against_count, sign) ==
              against.begin() + against_count) {
        against[against_count++] = sign;
      }
    };
    const WordIndex& words = WordIndexOf(g);
    ForEachWord(text, [&](std::string_view word) {
      if (const Sign* sign = words.Find(word)) add(sign);
      for (const Sign& p : group.prefixes) {
        if (word.starts_with(p.text)) {
          add(&p);
          break;
        }
      }
      for (const Sign& l : group.letters) {
        for (size_t at = word.find(l.text); at != std::string_view::npos;
             at = word.find(l.text, at + l.text.size())) {
          add(&l);
        }
      }
    });
    int best = 0;  // the first of equals
    for (int i = 1; i < 3; ++i) {
      if (points[i] > points[best]) best = i;
    }
    int distinct = 0;  // different signs for the winner against the model's pick
    for (size_t i = 0; i < against_count; ++i) distinct += (against[i]->languages >> best) & 1;
    if (best != model_index && points[best] >= group.min_points &&
        points[best] - points[model_index] >= group.min_lead &&
        distinct >= group.min_distinct) {
      return std::string(group.languages[best]);
    }
    return std::string(model_language);
  }
  return std::string(model_language);
}

}  // namespace ghirbal
