// t_basic.cpp - loading, properties by name, errors with the right codes, move semantics.
#include "harness.hpp"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

using namespace sgcws;

// A loopback port that nobody listens on (bound, read, closed).
static int closedPort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(fd, (sockaddr *)&a, sizeof a) != 0) throw th::CaseFailure("bind");
    socklen_t len = sizeof a;
    getsockname(fd, (sockaddr *)&a, &len);
    close(fd);
    return ntohs(a.sin_port);
}

int main() {
    th::init("t_basic", 120);

    th::run("cpp load and abi version", [] {
        REQUIRE(AbiVersion() == SGCWS_ABI_VERSION);
        REQUIRE(!Version().empty());
        // the path cannot change once loaded
        std::string p = LoadLibraryNow();
        th::expectError(SGCWS_E_STATE, [] { SetLibraryPath("/elsewhere/libsgcws.so"); });
        SetLibraryPath(p);  // same path: fine
    });

    th::run("cpp client properties by name and typed", [] {
        TsgcWebSocketClient c;
        REQUIRE(c.Handle() != 0);
        c.setHost("127.0.0.1");
        c.setPort(8080);
        c.setOptionsParameters("/chat?x=1");
        REQUIRE(c.Host() == "127.0.0.1");
        REQUIRE(c.Port() == 8080);
        REQUIRE(c.URL() == "ws://127.0.0.1:8080/chat?x=1");
        c.setURL("wss://example.com/a");
        REQUIRE(c.TLS());
        REQUIRE(c.Port() == 443);
        REQUIRE(c.GetStr("Options.Parameters") == "/a");
        c.set("Options.Parameters", "/b");
        c.set("Port", 9001);
        c.set("TLS", false);
        REQUIRE(c.URL() == "ws://example.com:9001/b");
        REQUIRE(c.GetNotifyEvents() == neAsynchronous);  // the manual's default
        c.setNotifyEvents(neNoSync);
        REQUIRE(c.NotifyEvents() == neNoSync);
        REQUIRE(c.GetStr("NotifyEvents") == "neNoSync");
        REQUIRE(!c.Active());
        REQUIRE(!c.Connected());
        std::string props = c.Properties();
        REQUIRE(props.find("URL\t") != std::string::npos);
        REQUIRE(props.find("Options.Parameters\t") != std::string::npos);
    });

    th::run("cpp server properties", [] {
        TsgcWebSocketHTTPServer s(nullptr);
        REQUIRE(s.Port() == 80);
        s.setPort(0);
        s.setBindings({"127.0.0.1:0"});
        REQUIRE(s.Bindings().size() == 1);
        REQUIRE(s.Count() == 0);
        s.setDocumentRoot("/tmp");
        REQUIRE(s.DocumentRoot() == "/tmp");
    });

    th::run("cpp unknown property is SGCWS_E_PROPERTY", [] {
        TsgcWebSocketClient c;
        std::string m = th::expectError(SGCWS_E_PROPERTY, [&] { c.SetStr("Prot", "x"); });
        REQUIRE_MSG(m.find("Prot") != std::string::npos, m);
        th::expectError(SGCWS_E_PROPERTY, [&] { c.GetInt("NoSuch.Thing"); });
    });

    th::run("cpp wrong type is SGCWS_E_TYPE", [] {
        TsgcWebSocketClient c;
        th::expectError(SGCWS_E_TYPE, [&] { c.SetBool("URL", true); });
    });

    th::run("cpp bad URL is SGCWS_E_VALUE", [] {
        TsgcWebSocketClient c;
        th::expectError(SGCWS_E_VALUE, [&] { c.setURL("ftp://example.com/"); });
        th::expectError(SGCWS_E_VALUE, [&] { c.setURL("no scheme at all"); });
        th::expectError(SGCWS_E_VALUE, [&] { c.SetStr("NotifyEvents", "neSometimes"); });
    });

    th::run("cpp refused connect is SGCWS_E_CONNECT", [] {
        TsgcWebSocketClient c;
        c.setURL(th::wsURL(closedPort()));
        std::string m = th::expectError(SGCWS_E_CONNECT, [&] { c.Connect(5000); });
        REQUIRE(!m.empty());
        th::expectError(SGCWS_E_STATE, [&] { c.WriteData("not connected"); });
    });

    th::run("cpp busy port is SGCWS_E_LISTEN", [] {
        TsgcWebSocketServer a;
        int port = th::startOnLoopback(a);
        TsgcWebSocketServer b;
        b.SetBindings({"127.0.0.1:" + std::to_string(port)});
        th::expectError(SGCWS_E_LISTEN, [&] { b.Start(); });
    });

    th::run("cpp moved-from objects throw and destroy harmlessly", [] {
        TsgcWebSocketClient a;
        a.setURL("ws://127.0.0.1:1/x");
        sgcws_handle h = a.Handle();
        TsgcWebSocketClient b(std::move(a));
        REQUIRE(b.Handle() == h);
        REQUIRE(a.Handle() == 0);
        REQUIRE(b.URL() == "ws://127.0.0.1:1/x");
        std::string m = th::expectError(SGCWS_E_HANDLE, [&] { a.setURL("ws://x/"); });
        REQUIRE_MSG(m.find("moved") != std::string::npos, m);
        th::expectError(SGCWS_E_HANDLE, [&] { a.WriteData("x"); });
        th::expectError(SGCWS_E_HANDLE, [&] { a.OnMessage = [](TsgcWSConnection &, const std::string &) {}; });
        th::expectError(SGCWS_E_HANDLE, [&] { a.ProcessEvents(0); });
        REQUIRE(!a.OnMessage);
        // move assignment: the target's old component is destroyed, the source's taken over
        TsgcWebSocketClient c;
        sgcws_handle old = c.Handle();
        c = std::move(b);
        REQUIRE(c.Handle() == h);
        REQUIRE(c.URL() == "ws://127.0.0.1:1/x");
        int32_t kind = 0;
        REQUIRE(detail::api().kind(old, &kind) == SGCWS_E_HANDLE);  // the old one is gone
        // servers too
        TsgcWebSocketHTTPServer s1;
        TsgcWebSocketHTTPServer s2(std::move(s1));
        th::expectError(SGCWS_E_HANDLE, [&] { s1.Start(); });
        th::expectError(SGCWS_E_HANDLE, [&] { s1.OnCommandGet = nullptr; });
        s2.setPort(1234);
        REQUIRE(s2.Port() == 1234);
        // moved-from a, b, s1 are destroyed at scope end: nothing happens
    });

    th::run("cpp destroy releases the library handle", [] {
        sgcws_handle h;
        {
            TsgcWebSocketServer s;
            h = s.Handle();
            th::startOnLoopback(s);
        }
        int32_t kind = 0;
        REQUIRE(detail::api().kind(h, &kind) == SGCWS_E_HANDLE);
    });

    th::run("cpp stale connection view throws SGCWS_E_HANDLE", [] {
        TsgcWSConnection none;
        th::expectError(SGCWS_E_HANDLE, [&] { none.WriteData("x"); });
        TsgcWSConnection forged((sgcws_handle)0x7fffffff12345ull);
        th::expectError(SGCWS_E_HANDLE, [&] { forged.Guid(); });
    });

    return th::finish();
}
