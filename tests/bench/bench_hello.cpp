// The HTTP yardstick of the server benchmark (tests/bench/bench_server_cluster.sh): cpp-httplib answering a
// fixed small JSON object, set up as certdesk-server sets it up (64 worker threads, TCP_NODELAY, the listen
// backlog raised past Debian's build-time 5) and doing nothing else. What the service reaches next to it is
// what its own work costs.
//   bench_hello PORT     serves on 127.0.0.1:PORT until killed
#include <httplib.h>

#include <sys/socket.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_hello PORT\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(10000);
    server.set_keep_alive_timeout(5);
    int listenSocket = -1;
    server.set_socket_options([&listenSocket](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        listenSocket = sock;
    });
    server.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok","api_version":1})", "application/json");
    });
    if (!server.bind_to_port("127.0.0.1", port)) {
        std::fprintf(stderr, "bench_hello: cannot listen on 127.0.0.1:%d\n", port);
        return 1;
    }
    if (listenSocket >= 0)
        ::listen(listenSocket, SOMAXCONN);
    std::printf("listening on 127.0.0.1:%d\n", port);
    std::fflush(stdout);
    server.listen_after_bind();
    return 0;
}
