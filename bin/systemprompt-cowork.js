#!/usr/bin/env node
require('../dist/src/cowork/main.js');
