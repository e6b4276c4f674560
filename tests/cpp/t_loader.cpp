// t_loader.cpp - loader failures give a clear sgcws::Error: a missing file, and a library whose ABI version
// differs (argv[1]: a fake library exporting only sgcws_abi_version() = 99, built by run.sh). Each process
// loads at most one library, so the real one is loaded last.
#include "harness.hpp"

using namespace sgcws;

int main(int argc, char **argv) {
    th::init("t_loader", 60);
    const char *real = getenv("SGCWS_LIB");
    th::run("cpp loader: missing library names the path", [] {
        SetLibraryPath("/nonexistent/dir/libsgcws.so");
        std::string m = th::expectError(SGCWS_E_UNSUPPORTED, [] { TsgcWebSocketClient c; });
        REQUIRE_MSG(m.find("/nonexistent/dir/libsgcws.so") != std::string::npos, m);
    });
    if (argc > 1) {
        std::string fake = argv[1];
        th::run("cpp loader: ABI version mismatch names path and versions", [&] {
            SetLibraryPath(fake);
            std::string m = th::expectError(SGCWS_E_UNSUPPORTED, [] { TsgcWebSocketServer s; });
            REQUIRE_MSG(m.find(fake) != std::string::npos, m);
            REQUIRE_MSG(m.find("99") != std::string::npos, m);
            REQUIRE_MSG(m.find("expects " + std::to_string(SGCWS_ABI_VERSION)) != std::string::npos, m);
        });
    }
    th::run("cpp loader: after failures the right path loads", [&] {
        SetLibraryPath(real ? real : "out/linux-amd64/libsgcws.so");
        TsgcWebSocketClient c;
        REQUIRE(c.Handle() != 0);
    });
    return th::finish();
}
