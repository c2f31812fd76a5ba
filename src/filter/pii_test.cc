#include "filter/pii.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/stage_registry.h"

namespace ghirbal {
namespace {

std::string Redact(std::string_view text, const PiiOptions& o = {}, PiiCounts* counts = nullptr) {
  std::string out;
  PiiCounts c = RedactPii(text, o, &out);
  if (counts) *counts = c;
  if (c.total() == 0) {
    EXPECT_TRUE(out.empty()) << text;  // unchanged: not copied
    return std::string(text);
  }
  return out;
}

TEST(PiiTest, EmailsCycleThroughReplacements) {
  PiiCounts c;
  EXPECT_EQ(Redact("Write to John.Smith@Example.COM or ali_99@mail.example.org.", {}, &c),
            "Write to email@example.com or firstname.lastname@example.org.");
  EXPECT_EQ(c.emails, 2u);
  EXPECT_EQ(Redact("راسلونا على info@news.example.com ، شكرا"),
            "راسلونا على email@example.com ، شكرا");
  // Not e-mails.
  for (const char* text : {"a @ b", "user@localhost", "x@y.z", "@handle", "me@.com", "1@2.34"}) {
    EXPECT_EQ(Redact(text), text) << text;
  }
}

TEST(PiiTest, PublicIpv4Only) {
  PiiCounts c;
  EXPECT_EQ(Redact("server 8.8.8.8 and 1.1.1.1, router 192.168.1.1, local 127.0.0.1", {}, &c),
            "server 22.214.171.124 and 126.96.36.199, router 192.168.1.1, local 127.0.0.1");
  EXPECT_EQ(c.ips, 2u);
  // Not addresses: out of range, longer dotted numbers, part of a word.
  for (const char* text : {"256.1.1.1", "1.2.3.4.5", "v8.8.8.8x", "version 10.0.1", "3.14"}) {
    EXPECT_EQ(Redact(text), text) << text;
  }
  PiiOptions all;
  all.public_ips_only = false;
  EXPECT_EQ(Redact("10.0.0.1", all), "22.214.171.124");
  EXPECT_TRUE(IsGlobalIpv4(0x08080808));
  EXPECT_FALSE(IsGlobalIpv4(0xAC1F0001));  // 172.31.0.1
  EXPECT_FALSE(IsGlobalIpv4(0x64400001));  // 100.64.0.1 (shared address space)
}

TEST(PiiTest, Ipv6) {
  PiiCounts c;
  EXPECT_EQ(Redact("host 2a00:1450:4007:80e::200e up; loopback ::1; doc 2001:db8::5", {}, &c),
            "host 2001:db8::1 up; loopback ::1; doc 2001:db8::5");
  EXPECT_EQ(c.ips, 1u);
  for (const char* text : {"12:30:45", "std::string", "ab::cd::ef"}) EXPECT_EQ(Redact(text), text);
}

TEST(PiiTest, PhonesOnlyWhenAsked) {
  const char* text = "Call +44 20 7946 0958 or (555) 123-4567 today; in 2023 we had 1,234 calls.";
  EXPECT_EQ(Redact(text), text);
  PiiOptions o;
  o.phones = true;
  PiiCounts c;
  EXPECT_EQ(Redact(text, o, &c),
            "Call +1-555-0100 or +1-555-0100 today; in 2023 we had 1,234 calls.");
  EXPECT_EQ(c.phones, 2u);
}

TEST(PiiTest, DegenerateInputsAreLinear) {
  EXPECT_EQ(Redact(""), "");
  std::string ats(1 << 20, '@');
  EXPECT_EQ(Redact(ats), ats);
  std::string dots;
  for (int i = 0; i < 200000; ++i) dots += "1.";
  EXPECT_EQ(Redact(dots), dots);
  std::string colons(1 << 20, ':');
  EXPECT_EQ(Redact(colons), colons);
}

TEST(PiiStageTest, CountsInMetadata) {
  auto options = StageOptions::FromYaml("phones: true");
  ASSERT_TRUE(options.ok());
  auto built = StageRegistry::Global().Build("pii", *options);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Batch batch;
  batch.documents.resize(1);
  batch.documents[0].text = "mail a@example.com from 8.8.4.4";
  auto state = built->stage->NewState();
  built->stage->Process(batch, state.get());
  const Document& doc = batch.documents[0];
  EXPECT_EQ(doc.text, "mail email@example.com from 22.214.171.124");
  EXPECT_EQ(*doc.metadata.FindRaw("pii_emails"), "1");
  EXPECT_EQ(*doc.metadata.FindRaw("pii_ips"), "1");
  EXPECT_FALSE(doc.metadata.Contains("pii_phones"));
  auto bad = StageOptions::FromYaml("phone: true");
  EXPECT_FALSE(StageRegistry::Global().Build("pii", *bad).ok());
}

// Differential: jumping between candidate bytes finds what trying every byte finds.
TEST(PiiTest, CandidateScanEqualsEveryByte) {
  const std::string pieces[] = {
      " ", " ", "\n", ".", ":", "::", "@", "+", "(", ")", "-", "a", "face", "fe80", "db8",
      "deadbeef", "x", "q1", "7", "42", "255", "256", "8.8.8.8", "10.0.0.1", "1.2.3.4.5",
      "2a00:1450:4007:80e::200e", "::1", "2001:db8::5", "abcd:ef01::1", "fe80::1", "12:30",
      "john.smith", "mail.example.org", "a@b.com", "x@y", "+44 20 7946 0958",
      "(555) 123-4567", "555.123.4567", "قال", "،", "é"};
  std::mt19937 rng(3);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t n = rng() % 30;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    PiiOptions o;
    o.phones = rng() % 2 == 0;
    o.public_ips_only = rng() % 2 == 0;
    o.emails = rng() % 5 != 0;
    o.ips = rng() % 5 != 0;
    std::string fast, every;
    PiiCounts a = RedactPii(text, o, &fast);
    PiiCounts b = RedactPiiEveryByte(text, o, &every);
    ASSERT_EQ(fast, every) << text;
    EXPECT_EQ(a.emails, b.emails) << text;
    EXPECT_EQ(a.ips, b.ips) << text;
    EXPECT_EQ(a.phones, b.phones) << text;
  }
}

}  // namespace
}  // namespace ghirbal
