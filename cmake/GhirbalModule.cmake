# ghirbal_module(NAME DEPS dep...)
#
# Declares the library `ghirbal_NAME` from every .cc file in the calling folder except tests
# (*_test.cc), benchmarks (*_bench.cc) and fuzz targets (*_fuzz.cc), and the test program
# `NAME_tests` from the *_test.cc files beside it. New files are picked up at the next build
# (CONFIGURE_DEPENDS), so adding a stage or a test touches no CMake file.
function(ghirbal_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_sources)
  set(test_sources)
  foreach(f ${all_sources})
    if(f MATCHES "_test\\.cc$")
      list(APPEND test_sources ${f})
    elseif(f MATCHES "_(bench|fuzz)\\.cc$")
    else()
      list(APPEND lib_sources ${f})
    endif()
  endforeach()
  set(target ghirbal_${name})
  if(lib_sources)
    add_library(${target} STATIC ${lib_sources})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/generated)
    target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/generated)
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()
  if(GHIRBAL_BUILD_TESTS AND test_sources)
    add_executable(${name}_tests ${test_sources})
    # Stages register themselves from static initializers: keep every object of the module.
    ghirbal_link_whole(${name}_tests ${target})
    target_link_libraries(${name}_tests PRIVATE ${ARG_TEST_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${name}_tests PRIVATE
      GHIRBAL_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      GHIRBAL_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data")
    gtest_discover_tests(${name}_tests DISCOVERY_TIMEOUT 60
                         PROPERTIES LABELS ${name})
  endif()
endfunction()

# ghirbal_link_whole(TARGET lib...)
#
# Links every object of the given static libraries into TARGET (stages register themselves
# from static initializers that nothing references by name), then the libraries normally for
# their dependencies. Raw --whole-archive flags rather than $<LINK_LIBRARY:WHOLE_ARCHIVE>,
# which CMake refuses when the same library also arrives as a plain transitive dependency.
function(ghirbal_link_whole target)
  set(items)
  foreach(lib ${ARGN})
    get_target_property(type ${lib} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      list(APPEND items "$<TARGET_FILE:${lib}>")
      add_dependencies(${target} ${lib})
    endif()
  endforeach()
  if(items)
    target_link_libraries(${target} PRIVATE "-Wl,--whole-archive" ${items} "-Wl,--no-whole-archive")
  endif()
  target_link_libraries(${target} PRIVATE ${ARGN})
endfunction()
