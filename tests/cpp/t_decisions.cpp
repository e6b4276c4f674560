// t_decisions.cpp - decision events: OnAuthentication, OnHandshake (server and client), OnCommandGet /
// OnCommandOther on TsgcWebSocketHTTPServer; the Events.On... opt-in follows the handler assignment.
#include "harness.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace sgcws;

// A minimal HTTP/1.1 request over a socket; returns the whole response (Connection: close).
static std::string http(int port, const std::string &method, const std::string &path, const std::string &body = "") {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((uint16_t)port);
    if (connect(fd, (sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        throw th::CaseFailure("http connect failed");
    }
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!body.empty()) req += "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    if (send(fd, req.data(), req.size(), 0) != (ssize_t)req.size()) {
        close(fd);
        throw th::CaseFailure("http send failed");
    }
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, (size_t)n);
    }
    close(fd);
    return out;
}

static void authCase(TwsNotifyEvent mode) {
    TsgcWebSocketServer server;
    server.setNotifyEvents(mode);
    server.SetBool("Authentication.Enabled", true);
    th::Log seen;
    server.OnAuthentication = [&](TsgcWSConnection &, const std::string &user, const std::string &pass,
                                  bool &authenticated) {
        seen.add(user + ":" + pass);
        authenticated = user == "john" && pass == "secret";
    };
    int port = th::startOnLoopback(server);
    REQUIRE(server.GetBool("Events.OnAuthentication"));  // switched on because the handler is assigned
    std::atomic<bool> stop{false};
    std::thread pumper;
    if (mode != neNoSync) {
        pumper = std::thread([&] {
            while (!stop) server.ProcessEvents(10);  // the host thread of this server
        });
    }
    try {
        TsgcWebSocketClient ok;
        ok.setURL(th::wsURL(port, "/sgc/auth/url/john/secret"));
        ok.Connect(5000);
        REQUIRE(ok.Connected());
        TsgcWebSocketClient bad;
        bad.setURL(th::wsURL(port, "/sgc/auth/url/john/wrong"));
        th::expectError(SGCWS_E_CONNECT, [&] { bad.Connect(5000); });
        auto s = seen.copy();
        REQUIRE(s.size() == 2);
        REQUIRE(s[0] == "john:secret");
        REQUIRE(s[1] == "john:wrong");
    } catch (...) {
        stop = true;
        if (pumper.joinable()) pumper.join();
        throw;
    }
    stop = true;
    if (pumper.joinable()) pumper.join();
}

int main() {
    th::init("t_decisions", 120);

    th::run("cpp OnAuthentication (neNoSync)", [] { authCase(neNoSync); });
    th::run("cpp OnAuthentication (neAsynchronous, answered from ProcessEvents)", [] { authCase(neAsynchronous); });

    th::run("cpp opt-in follows the handler", [] {
        TsgcWebSocketHTTPServer s;
        s.OnCommandGet = [](TsgcWSConnection &, const THTTPRequestInfo &, THTTPResponseInfo &) {};
        th::startOnLoopback(s);
        REQUIRE(s.GetBool("Events.OnCommandGet"));
        REQUIRE(!s.GetBool("Events.OnCommandOther"));
        REQUIRE(!s.GetBool("Events.OnAuthentication"));
        REQUIRE(!s.GetBool("Events.OnHandshake"));
    });

    th::run("cpp OnHandshake on server and client", [] {
        TsgcWebSocketServer server;
        server.setNotifyEvents(neNoSync);
        th::Log reqHeaders;
        server.OnHandshake = [&](TsgcWSConnection &c, THeaders &headers) {
            for (auto &h : c.HeadersRequest()) reqHeaders.add(h);
            headers.push_back("X-Server: yes");
        };
        int port = th::startOnLoopback(server);
        TsgcWebSocketClient client;
        client.setNotifyEvents(neNoSync);
        client.OnHandshake = [](TsgcWSConnection &, THeaders &headers) { headers.push_back("X-Hello: world"); };
        th::Log respLog;
        client.OnConnect = [&](TsgcWSConnection &c) { respLog.add(c.GetStr("HeadersResponse")); };
        client.setURL(th::wsURL(port));
        client.Connect(5000);
        REQUIRE(th::waitFor([&] { return respLog.size() == 1; }, 3000));
        std::string resp = respLog.copy()[0];
        REQUIRE_MSG(resp.find("X-Server: yes") != std::string::npos, resp);
        bool found = false;
        for (auto &h : reqHeaders.copy())
            if (h.find("X-Hello: world") != std::string::npos) found = true;
        REQUIRE(found);
    });

    th::run("cpp HTTP server OnCommandGet / OnCommandOther", [] {
        TsgcWebSocketHTTPServer server;
        server.setNotifyEvents(neNoSync);
        server.OnCommandGet = [](TsgcWSConnection &, const THTTPRequestInfo &rq, THTTPResponseInfo &rs) {
            if (rq.Document == "/hello") {
                rs.ContentText = "world " + rq.Command + " " + rq.QueryParams + " " + rq.ContentText;
                rs.ContentType = "text/plain";
                rs.ResponseNo = 200;
                rs.CustomHeaders.push_back("X-Cpp: 1");
            } else if (rq.Document == "/throw") {
                throw std::runtime_error("handler failed");
            }
            // anything else: untouched -> the server's default answer
        };
        server.OnCommandOther = [](TsgcWSConnection &, const THTTPRequestInfo &rq, THTTPResponseInfo &rs) {
            rs.ResponseNo = 202;
            rs.ContentText = "other " + rq.Command;
        };
        std::atomic<int> exceptions{0};
        server.OnException = [&](TsgcWSConnection &, const std::exception &) { ++exceptions; };
        int port = th::startOnLoopback(server);
        std::string r = http(port, "GET", "/hello?a=1");
        REQUIRE_MSG(r.find("HTTP/1.1 200") == 0, r);
        REQUIRE_MSG(r.find("world GET a=1 ") != std::string::npos, r);
        REQUIRE_MSG(r.find("X-Cpp: 1") != std::string::npos, r);
        REQUIRE_MSG(r.find("text/plain") != std::string::npos, r);
        r = http(port, "POST", "/hello", "body!");
        REQUIRE_MSG(r.find("world POST  body!") != std::string::npos, r);
        r = http(port, "GET", "/nothing-here");
        REQUIRE_MSG(r.find("HTTP/1.1 404") == 0, r);
        r = http(port, "DELETE", "/x");
        REQUIRE_MSG(r.find("HTTP/1.1 202") == 0 && r.find("other DELETE") != std::string::npos, r);
        r = http(port, "GET", "/throw");
        REQUIRE(exceptions == 1);
        REQUIRE_MSG(r.find("HTTP/1.1 ") == 0, r);  // some answer, no crash
        // WebSocket still works on the same port
        TsgcWebSocketClient c;
        c.setURL(th::wsURL(port));
        c.Connect(5000);
        REQUIRE(c.Connected());
    });

    return th::finish();
}
