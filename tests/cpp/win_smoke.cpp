// win_smoke.cpp - compiled for Windows (mingw-w64) by run.sh: the binding builds and links for Windows, both
// with dynamic loading (LoadLibraryW) and with SGCWS_LINK_STATIC_IMPORTS against the import library. When run
// (under Wine or on Windows, with sgcws.dll beside it or its path in argv[1]) it checks loading, properties and
// error codes without any network.
#include "sgcws.hpp"

#include <cstdio>
#include <cstdlib>
#include <windows.h>

static int failures = 0;
static void check(bool ok, const char *what) {
    std::printf("%s %s\n", ok ? "PASS" : "FAIL", what);
    if (!ok) ++failures;
}

int main(int argc, char **argv) {
#if !defined(SGCWS_LINK_STATIC_IMPORTS)
    if (argc > 1) sgcws::SetLibraryPath(argv[1]);
#else
    (void)argc;
    (void)argv;
#endif
    try {
        check(sgcws::AbiVersion() == SGCWS_ABI_VERSION, "cpp win abi version");
        sgcws::TsgcWebSocketClient c(NULL);
        c.setURL("ws://127.0.0.1:8080/chat");
        check(c.Port() == 8080 && c.OptionsParameters() == "/chat", "cpp win properties");
        int code = 0;
        try {
            c.SetStr("NoSuchProperty", "x");
        } catch (const sgcws::Error &e) {
            code = e.Code();
        }
        check(code == SGCWS_E_PROPERTY, "cpp win unknown property");
        sgcws::TsgcWebSocketHTTPServer s;
        s.OnCommandGet = [](sgcws::TsgcWSConnection &, const sgcws::THTTPRequestInfo &, sgcws::THTTPResponseInfo &r) {
            r.ContentText = "x";
        };
        sgcws::TsgcWebSocketHTTPServer moved(std::move(s));
        code = 0;
        try {
            s.Start();
        } catch (const sgcws::Error &e) {
            code = e.Code();
        }
        check(code == SGCWS_E_HANDLE, "cpp win moved-from throws");

        // a server (neNoSync, handlers on library threads) and a client (neAsynchronous, ProcessEvents)
        sgcws::TsgcWebSocketServer server;
        server.setNotifyEvents(sgcws::neNoSync);
        server.OnMessage = [](sgcws::TsgcWSConnection &cn, const std::string &t) { cn.WriteData("echo:" + t); };
        server.setBindings({"127.0.0.1:0"});
        server.Start();
        std::string addr = server.ListenAddresses().at(0);
        sgcws::TsgcWebSocketClient client;
        std::string got;
        int thrown = 0;
        client.OnMessage = [&](sgcws::TsgcWSConnection &, const std::string &t) {
            if (t == "echo:throw") throw std::runtime_error("from a handler");
            got += t + ";";
        };
        client.OnException = [&](sgcws::TsgcWSConnection &, const std::exception &) { ++thrown; };
        client.setURL("ws://" + addr + "/");
        client.Connect(10000);
        client.WriteData("a");
        client.WriteData("throw");
        client.WriteData("b");
        for (int i = 0; i < 500 && got != "echo:a;echo:b;"; ++i) client.ProcessEvents(20);
        check(got == "echo:a;echo:b;" && thrown == 1, "cpp win echo, ProcessEvents and OnException");
        client.Disconnect(5000);
    } catch (const std::exception &e) {
        std::printf("FAIL cpp win: %s\n", e.what());
        return 1;
    }
    return failures ? 1 : 0;
}
