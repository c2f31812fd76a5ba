#include "io/buffered_input.h"

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

std::string Numbers(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i) s += std::to_string(i) + ",";
  s.resize(n);
  return s;
}

TEST(BufferedInputTest, EnsureGrowsTheWindowBeyondOneChunk) {
  std::string data = Numbers(10000);
  BufferedInput in(OpenByteSource(NewMemoryRawInput(data)), 100);
  EXPECT_GE(in.Ensure(5000), 5000u);
  EXPECT_EQ(in.view().substr(0, 5000), data.substr(0, 5000));
  in.Consume(4000);
  EXPECT_EQ(in.position(), 4000u);
  EXPECT_GE(in.Ensure(6000), 6000u);
  EXPECT_EQ(in.view().substr(0, 6000), data.substr(4000));
  EXPECT_EQ(in.Ensure(7000), 6000u);  // the stream ends first
}

TEST(BufferedInputTest, SkipDropsBytesPastTheWindowAndStopsAtTheEnd) {
  std::string data = Numbers(10000);
  BufferedInput in(OpenByteSource(NewMemoryRawInput(data)), 64);
  in.Ensure(10);
  EXPECT_EQ(in.Skip(9000), 9000u);
  EXPECT_EQ(in.position(), 9000u);
  in.Ensure(10);
  EXPECT_EQ(in.view().substr(0, 10), data.substr(9000, 10));
  EXPECT_EQ(in.Skip(5000), 1000u);
  EXPECT_TRUE(in.AtEnd());
}

}  // namespace
}  // namespace ghirbal
