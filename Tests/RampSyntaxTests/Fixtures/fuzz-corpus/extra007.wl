#!/usr/bin/env ramp
Print[1]