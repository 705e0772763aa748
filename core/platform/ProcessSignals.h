#pragma once

// How a service process is asked to stop, and a broken pipe that must not end it. POSIX: SIGINT and SIGTERM,
// blocked in every thread and awaited in one (sigwait(3)), so that shutdown runs in normal code rather than
// in a signal handler; SIGPIPE ignored. Windows: Ctrl+C, Ctrl+Break and the console's close, logoff and
// shutdown events (SetConsoleCtrlHandler) set an event the waiting thread wakes on; there is no SIGPIPE.

namespace certdesk::platform {

// Call first in main(), before any thread starts (threads inherit the blocked signals on POSIX systems).
void blockStopSignals();
// Blocks until a stop request arrives (after blockStopSignals()).
void waitForStopSignal();
// Says the stop has been carried out. Windows ends a process as soon as its handler of the console's close,
// logoff and shutdown events returns (Microsoft, "HandlerRoutine"): that handler waits for this, up to the
// system's 5 seconds, so the service closes its database and files first. Nothing on POSIX systems.
void stopFinished();

// A peer that closes its end of a socket or pipe must not end this process: SIGPIPE is ignored unless a
// handler is installed already. Nothing on Windows.
void ignoreBrokenPipes();

} // namespace certdesk::platform
