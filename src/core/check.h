// CHECK: aborts on a broken internal invariant. Never used for conditions user input can reach.
#pragma once

#include <cstdio>
#include <cstdlib>

#define GHIRBAL_CHECK(cond)                                                          \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)
