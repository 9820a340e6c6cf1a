#ifndef PEIXUN_CZEROMQ_SHIM_H
#define PEIXUN_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
