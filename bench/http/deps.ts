/** Express and Koa, from the bench package's own dependencies (the versions the adapters are tested with). */
import express, { type ErrorRequestHandler } from 'express'
import Koa from 'koa'

export type ExpressErrorHandler = ErrorRequestHandler
export const expressFactory = express
export const KoaClass = Koa
