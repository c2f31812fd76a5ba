// GHIRBAL_TARGET_CLONES: compiles a hot function twice, for x86-64-v3 (AVX2, BMI1/2, FMA: CPUs
// from 2013 on) and for the x86-64 baseline, and lets the loader pick one when the program
// starts (GCC's target_clones, an ifunc). The binary runs on any x86-64 CPU; the tight loops
// of word splitting, hashing and n-gram counting take ~4% fewer instructions on newer ones
// (three-operand vector forms, tzcnt/shrx/rorx, mulx). Callees must be inlined into the
// function to get the same treatment. Empty for other compilers and targets.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GHIRBAL_TARGET_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define GHIRBAL_TARGET_CLONES
#endif
