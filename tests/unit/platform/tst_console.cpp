// platform::Console: the echo of a terminal is off while a secret is typed and back on afterwards. POSIX: a
// pseudo-terminal stands in as stdin (posix_openpt(3)). Not a terminal: nothing changes, nothing is read.

#include "platform/Console.h"

#include <QTest>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#ifndef Q_OS_WIN
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

using namespace certdesk::platform;

class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void notATerminal();
    void echoOffOnATerminal();
};

void TestConsole::notATerminal()
{
#ifndef Q_OS_WIN
    // ctest gives no terminal; make sure of it with /dev/null.
    const int saved = ::dup(STDIN_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    QVERIFY(saved >= 0 && null >= 0);
    ::dup2(null, STDIN_FILENO);
    ::close(null);
#endif
    QVERIFY(!stdinIsTerminal());
    {
        const EchoOff echo;
        QVERIFY(!echo.active());
    }
    bool called = false;
    QVERIFY(!readHiddenTerminalLine("PIN: ", [&called](const char*, std::size_t) { called = true; }));
    QVERIFY(!called);
#ifndef Q_OS_WIN
    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
#endif
}

void TestConsole::echoOffOnATerminal()
{
#ifdef Q_OS_WIN
    QSKIP("needs a console; exercised by hand on Windows (docs/windows.md)");
#else
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    QVERIFY(master >= 0);
    QVERIFY(::grantpt(master) == 0 && ::unlockpt(master) == 0);
    const int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
    QVERIFY(slave >= 0);
    const int saved = ::dup(STDIN_FILENO);
    ::dup2(slave, STDIN_FILENO);

    termios before {};
    QVERIFY(::tcgetattr(slave, &before) == 0);
    QVERIFY(before.c_lflag & ECHO);
    QVERIFY(stdinIsTerminal());
    {
        const EchoOff echo;
        QVERIFY(echo.active());
        termios during {};
        QVERIFY(::tcgetattr(slave, &during) == 0);
        QVERIFY(!(during.c_lflag & ECHO));
    }
    termios after {};
    QVERIFY(::tcgetattr(slave, &after) == 0);
    QVERIFY(after.c_lflag & ECHO);

    // A line typed at the terminal once the echo is off (turning it off flushes what was typed ahead)
    // reaches the callback without its line end.
    std::thread typist([master, slave] {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        termios state {};
        while (std::chrono::steady_clock::now() < deadline && ::tcgetattr(slave, &state) == 0
            && (state.c_lflag & ECHO))
            std::this_thread::yield();
        const char typed[] = "123456\n";
        (void)!::write(master, typed, sizeof typed - 1);
    });
    std::string line;
    clearerr(stdin);
    const bool read = readHiddenTerminalLine(
        "", [&line](const char* data, std::size_t length) { line.assign(data, length); });
    typist.join();
    QVERIFY(read);
    QCOMPARE(QByteArray::fromStdString(line), QByteArray("123456"));

    ::dup2(saved, STDIN_FILENO);
    ::close(saved);
    ::close(slave);
    ::close(master);
#endif
}

QTEST_GUILESS_MAIN(TestConsole)
#include "tst_console.moc"
