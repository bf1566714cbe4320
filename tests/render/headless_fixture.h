#pragma once
// One headless EGL context (Mesa surfaceless, no X server, no GPU) per test suite, shared by
// the render and export tests. A suite derives from HeadlessGlTest; each test asserts the
// context exists before drawing.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "export/headless.h"

class HeadlessGlTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        std::string err;
        context() = bm::exporter::HeadlessContext::create(&err);
        if (!context()) std::fprintf(stderr, "headless EGL unavailable: %s\n", err.c_str());
    }
    static void TearDownTestSuite() { context().reset(); }
    void SetUp() override {
        ASSERT_NE(context(), nullptr) << "EGL surfaceless context could not be created";
    }
    static std::unique_ptr<bm::exporter::HeadlessContext>& context() {
        static std::unique_ptr<bm::exporter::HeadlessContext> ctx;
        return ctx;
    }
};
